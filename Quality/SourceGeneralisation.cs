using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Moderation.Engine;
using Moderation.Engine.Scoring;

namespace Quality;

/// <summary>
/// One fastText score from <c>model-servers/loso.py --scores</c>: the model trained without <see cref="HeldOut"/> scored
/// item <see cref="Id"/>, which is either from that source (<c>test</c>) or a dev item of another source (<c>tune</c>).
/// </summary>
internal sealed record LosoScore(
    [property: JsonPropertyName("candidate")] string Candidate,
    [property: JsonPropertyName("heldOut")] string HeldOut,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("fastText")] double FastText);

/// <summary>How each tier did on one source that its models never saw.</summary>
internal sealed record LosoRow(string Candidate, string Lang, string Source, Confusion Lexicon, Confusion FastText, Confusion Chat, Confusion Community);

/// <summary>
/// The leave-one-source-out table: for each source, fastText trained without it (loso.py), the combiner of the lexicon
/// tier and that model fitted on the other sources' dev items exactly as <c>--fit</c> fits the shipped one, and every
/// tier measured on the held-out source. It says how a tier generalises to text from somewhere new, which dev, sharing
/// its sources with train, cannot.
/// </summary>
internal static class SourceGeneralisation
{
    /// <summary>Runs loso.py for <paramref name="candidates"/> (tens of minutes) and returns the scores file it wrote.</summary>
    public static async Task<string> ScoreAsync(string repository, string dataFolder, IReadOnlyList<string> candidates)
    {
        var path = Path.Combine(Path.GetTempPath(), $"loso-scores-{Guid.NewGuid():N}.jsonl");
        var start = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = repository };
        foreach (var argument in new[] { "model-servers/loso.py", "--data", dataFolder, "--scores", path, "--candidates" }.Concat(candidates))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start /usr/bin/python3");
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? path : throw new InvalidOperationException($"loso.py failed with exit code {process.ExitCode}");
    }

    public static IReadOnlyList<LosoRow> Evaluate(ModerationEngine engine, IReadOnlyList<LabelledText> items, string scoresPath, double maxCommunityFalsePositiveRate)
    {
        var scores = File.ReadLines(scoresPath).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<LosoScore>(l) ?? throw new InvalidDataException($"{scoresPath}: an empty line"))
            .ToList();
        var byId = items.Where(i => i.Id is not null).ToDictionary(i => i.Id!, StringComparer.Ordinal);
        var needed = scores.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var views = needed.ToDictionary(id => id, id =>
        {
            var item = byId.TryGetValue(id, out var found) ? found : throw new InvalidDataException($"{scoresPath}: no item {id} in the datasets");
            var view = engine.Inspect(item.Text);
            return (Item: item, Hit: view.Detections.Count > 0, Evasion: view.HasEvasion);
        }, StringComparer.Ordinal);

        var rows = new List<LosoRow>();
        foreach (var group in scores.GroupBy(s => (s.Candidate, s.HeldOut)))
        {
            TierObservation Observe(LosoScore s)
            {
                var (item, hit, evasion) = views[s.Id];
                return new TierObservation(item.Lang, item.Lang, item.Label == 1, hit, evasion, s.FastText, 0, s.FastText, null);
            }

            var tune = group.Where(s => s.Role == "tune").Select(Observe).ToList();
            var test = group.Where(s => s.Role == "test").Select(Observe).ToList();
            var lexiconAlone = CombinerFit.FitTierSet(tune, useFastText: false, useKobert: false, maxCommunityFalsePositiveRate);
            var combined = CombinerFit.FitTierSet(tune, useFastText: true, useKobert: false, maxCommunityFalsePositiveRate);
            var fastTextThreshold = CombinerFit.BestF1Threshold(
                [.. tune.Select(o => o.FastText)], [.. tune.Select(o => o.Label ? 1.0 : 0.0)], min: 0);
            var row = new LosoRow(group.Key.Candidate, test.FirstOrDefault()?.Lang ?? "?", group.Key.HeldOut, new(), new(), new(), new());
            foreach (var o in test)
            {
                var tiers = CombinerFit.Scores(o, fastText: true, kobert: false);
                row.Lexicon.Add(o.LexiconHit, o.Label);
                row.FastText.Add(o.FastText >= fastTextThreshold, o.Label);
                row.Chat.Add(TierCombiner.Decide(combined, lexiconAlone, tiers, AnalysisTarget.Chat).Abusive, o.Label);
                row.Community.Add(TierCombiner.Decide(combined, lexiconAlone, tiers, AnalysisTarget.Community).Abusive, o.Label);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// One row per held-out source, one column group per candidate: F1 of fastText alone and of the chat decision, the
    /// community decision's recall and false-positive rate; then each language's mean over its sources.
    /// </summary>
    public static void Write(TextWriter output, IReadOnlyList<LosoRow> rows)
    {
        var candidates = rows.Select(r => r.Candidate).Distinct().ToList();
        output.WriteLine("## Leave-one-source-out (fastText trained without the source, combiner fitted on the other sources' dev items)");
        output.WriteLine();
        output.WriteLine("Cells: fastText F1 / chat F1 / community recall, false-positive rate. Lexicon tier: F1 on the source.");
        output.WriteLine();
        output.WriteLine($"| lang | held-out source | items | lexicon F1 | {string.Join(" | ", candidates)} |");
        output.WriteLine($"|---|---|---:|---:|{string.Concat(candidates.Select(_ => "---:|"))}");
        foreach (var lang in TierCombiner.Languages)
        {
            var sources = rows.Where(r => r.Lang == lang).Select(r => r.Source).Distinct().ToList();
            foreach (var source in sources)
            {
                var first = rows.First(r => r.Source == source);
                var cells = candidates.Select(c => rows.FirstOrDefault(r => r.Candidate == c && r.Source == source) is { } r
                    ? $"{Rate(r.FastText.F1)} / {Rate(r.Chat.F1)} / {Rate(r.Community.Recall)}, {Rate(r.Community.FalsePositiveRate)}"
                    : "—");
                output.WriteLine($"| {lang} | {source} | {first.Chat.Count:N0} | {Rate(first.Lexicon.F1)} | {string.Join(" | ", cells)} |");
            }

            var means = candidates.Select(c =>
            {
                var mine = rows.Where(r => r.Candidate == c && r.Lang == lang).ToList();
                return mine.Count == 0 ? "—" : $"**{Mean(mine, r => r.FastText.F1)} / {Mean(mine, r => r.Chat.F1)} / {Mean(mine, r => r.Community.Recall)}, {Mean(mine, r => r.Community.FalsePositiveRate)}**";
            });
            output.WriteLine($"| {lang} | **mean** | | | {string.Join(" | ", means)} |");
        }

        output.WriteLine();
    }

    private static string Mean(List<LosoRow> rows, Func<LosoRow, double?> value)
    {
        var values = rows.Select(value).OfType<double>().ToList();
        return values.Count == 0 ? "n/a" : Rate(values.Average());
    }

    private static string Rate(double? value) => value?.ToString("0.000", CultureInfo.InvariantCulture) ?? "n/a";
}
