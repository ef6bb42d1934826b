using System.Text;
using Moderation.Pii;

namespace FilterApi.Guard;

/// <summary>
/// The personal-data side of a streamed answer: it accumulates the content and releases it masked, holding back
/// whatever could still be part of a value split across chunks. Held back: the last <c>holdBack</c> characters
/// (longer than any value with spaces or dashes in it, so a value that ends inside them is complete before any of
/// it is released); a value found that crosses the release point; the run of ASCII non-space characters the point
/// falls in (an e-mail address or token longer than the hold-back); an unterminated <c>-----BEGIN</c> block (a PEM
/// key). Past <see cref="MaxHeldChars"/> of held text the run and PEM rules yield, so a long unbroken blob cannot
/// stall the stream.
/// </summary>
internal sealed class StreamMasker(bool identify, IReadOnlySet<string>? excludedLabels, int holdBack)
{
    /// <summary>Already released text the identifier reads again for context (a preceding 전화 or "phone", a boundary).</summary>
    private const int ContextChars = 64;

    public const int MaxHeldChars = 4096;

    private readonly StringBuilder _raw = new();
    private readonly StringBuilder _released = new();

    public int Length => _raw.Length;

    /// <summary>How much of the raw content has been released.</summary>
    public int ReleasedUpTo { get; private set; }

    /// <summary>What the client has been sent, masked.</summary>
    public string ReleasedText => _released.ToString();

    /// <summary>The values masked so far, with offsets in the raw content (which never leaves this object unmasked).</summary>
    public List<PiiEntity> Masked { get; } = [];

    public string Raw => _raw.ToString();

    public void Append(string content) => _raw.Append(content);

    /// <summary>The raw text up to <paramref name="end"/> (at most <paramref name="maxChars"/> of it, the latest), with personal data masked.</summary>
    public string MaskedWindow(int end, int maxChars)
    {
        var start = Math.Max(0, end - maxChars);
        var text = _raw.ToString(start, end - start);
        return identify ? PiiAnonymizer.Apply(text, PiiDetector.Default.Detect(text, excludedLabels), PiiOperator.Placeholder) : text;
    }

    /// <summary>Releases what is safe to send, up to <paramref name="gate"/> (what the risk detector has passed); everything up to the gate when <paramref name="final"/>.</summary>
    public string Release(int gate, bool final)
    {
        var length = _raw.Length;
        gate = Math.Min(gate, length);
        if (!identify)
        {
            return Emit(gate, []);
        }

        var from = Math.Max(0, ReleasedUpTo - ContextChars);
        var window = _raw.ToString(from, length - from);
        List<PiiEntity> entities = [.. PiiDetector.Default.Detect(window, excludedLabels)
            .Select(e => e with { Start = e.Start + from, End = e.End + from })
            .Where(e => e.End > ReleasedUpTo)];
        var limit = final ? gate : Math.Min(gate, length - holdBack);
        if (!final)
        {
            limit = SafeEnd(limit, entities, window, from);
        }

        return Emit(limit, [.. entities.Where(e => e.Start < limit && e.End <= limit)]);
    }

    private string Emit(int limit, IReadOnlyList<PiiEntity> entities)
    {
        if (limit <= ReleasedUpTo)
        {
            return "";
        }

        var piece = new StringBuilder();
        var at = ReleasedUpTo;
        foreach (var e in entities.OrderBy(e => e.Start))
        {
            // A value whose start was already sent (possible only past MaxHeldChars): the rest of it is masked.
            piece.Append(_raw, at, Math.Max(0, e.Start - at)).Append(e.Label);
            at = e.End;
            Masked.Add(e);
        }

        piece.Append(_raw, at, limit - at);
        ReleasedUpTo = limit;
        var text = piece.ToString();
        _released.Append(text);
        return text;
    }

    private int SafeEnd(int limit, List<PiiEntity> entities, string window, int from)
    {
        var held = _raw.Length - ReleasedUpTo;
        for (var changed = true; changed && limit > ReleasedUpTo;)
        {
            changed = false;
            foreach (var e in entities)
            {
                if (e.Start < limit && e.End > limit)
                {
                    limit = Math.Max(ReleasedUpTo, e.Start);
                    changed = true;
                }
            }

            if (held > MaxHeldChars)
            {
                continue;
            }

            if (limit > ReleasedUpTo && limit < _raw.Length && IsValueChar(_raw[limit - 1]) && IsValueChar(_raw[limit]))
            {
                var start = limit - 1;
                while (start > ReleasedUpTo && IsValueChar(_raw[start - 1]))
                {
                    start--;
                }

                limit = start;
                changed = true;
            }

            var begin = window.LastIndexOf("-----BEGIN", StringComparison.Ordinal);
            if (begin >= 0 && begin + from < limit && begin + from >= ReleasedUpTo
                && window.IndexOf("-----END", begin, StringComparison.Ordinal) < 0)
            {
                limit = begin + from;
                changed = true;
            }
        }

        return limit;
    }

    private static bool IsValueChar(char c) => c is > ' ' and < '\u007f';
}
