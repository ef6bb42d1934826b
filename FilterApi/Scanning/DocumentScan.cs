using Moderation.Documents;
using Moderation.Engine;
using Moderation.Pii;

namespace FilterApi.Scanning;

/// <summary>
/// The lexicon tier and the personal-data identifier over a document, one page or paragraph at a time, so a large
/// document costs memory for one unit and the findings kept.
/// </summary>
internal sealed class DocumentScan(EngineHolder engines)
{
    public DocumentScanResult Scan(UploadedFile file, DocumentKind kind, DocumentOptions options)
    {
        using var content = new MemoryStream(file.Content.ToArray(), writable: false);
        var findings = new List<DocumentFinding>();
        var (units, total, words, entities, unit) = (0, 0, new List<Detection>(), new List<PiiEntity>(), kind == DocumentKind.Pdf ? "page" : "paragraph");
        var engine = engines.Current;
        foreach (var segment in DocumentReader.Read(content, kind, Limits(options)))
        {
            units++;
            unit = segment.Unit;
            var hits = engine.Detect(segment.Text);
            var personal = PiiDetector.Default.Detect(segment.Text);
            words.AddRange(hits);
            entities.AddRange(personal);
            foreach (var finding in Merge(segment, hits, personal))
            {
                if (++total <= options.MaxFindings)
                {
                    findings.Add(finding);
                }
            }
        }

        return new DocumentScanResult(new DocumentAnswer(file.Name, TypeName(kind), file.Content.Length, unit, units), findings, total > options.MaxFindings, words, entities);
    }

    private static IEnumerable<DocumentFinding> Merge(DocumentSegment segment, IReadOnlyList<Detection> hits, IReadOnlyList<PiiEntity> personal)
    {
        var text = segment.Text;
        return hits
            .Select(h => new DocumentFinding("lexicon", segment.Unit, segment.Number, h.Start, h.Start + h.Length, h.Matched,
                Word: h.FilteredWord, Category: h.Category, Severity: h.Severity, Lang: h.Lang))
            .Concat(personal.Select(e => new DocumentFinding("pii", segment.Unit, segment.Number, e.Start, e.End, text[e.Start..e.End],
                Label: e.Label, Score: Math.Round(e.Score, 2))))
            .OrderBy(f => f.Start);
    }

    /// <summary>The reader's defaults, but a TXT of the largest accepted size is never too much text (a byte is at most one character).</summary>
    private static DocumentLimits Limits(DocumentOptions options) =>
        new() { MaxBytes = options.MaxBytes, MaxTextChars = Math.Max(DocumentLimits.Default.MaxTextChars, options.MaxBytes) };

    public static string TypeName(DocumentKind kind) => kind switch
    {
        DocumentKind.Pdf => "pdf",
        DocumentKind.Docx => "docx",
        _ => "txt",
    };
}

/// <param name="Words">Every lexicon hit (for events: counted by word, never located).</param>
/// <param name="Entities">Every personal-data value (for events: counted by label).</param>
internal sealed record DocumentScanResult(
    DocumentAnswer Document, IReadOnlyList<DocumentFinding> Findings, bool Truncated, IReadOnlyList<Detection> Words, IReadOnlyList<PiiEntity> Entities)
{
    public DetectDocumentResponse ToResponse(Guid trackingId, long started) =>
        new(trackingId, Document, Words.Count > 0, Entities.Count > 0, Findings, Truncated,
            Math.Round(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3));
}
