using Moderation.Pii.Recognisers;

namespace Moderation.Pii;

/// <summary>
/// Finds personal data in text: phone numbers, e-mail addresses, Korean and Chinese identity numbers, business
/// numbers, cards, IP addresses and secrets. Pure and thread-safe (no state between calls); time linear in the
/// text: each recogniser is one forward pass that jumps between vectorised searches for its trigger characters.
/// </summary>
public sealed class PiiDetector
{
    private PiiDetector()
    {
    }

    public static PiiDetector Default { get; } = new();

    /// <summary>
    /// The entities in <paramref name="text"/>, sorted by start, never overlapping. Where candidates overlap, the
    /// longer wins, then the more specific label (SECRET, identity numbers, card, business number, e-mail, IP,
    /// phone), then the higher score, then the earlier start. Labels in <paramref name="excludeLabels"/> are
    /// dropped before overlaps are resolved, so what they covered can still be reported as another label.
    /// </summary>
#pragma warning disable CA1822 // An instance member on purpose: callers hold a detector, so options can come later without changing them.
    public IReadOnlyList<PiiEntity> Detect(string text, IReadOnlySet<string>? excludeLabels = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        List<Candidate>? candidates = null;
        NumberRecogniser.Scan(text, ref candidates);
        EmailRecogniser.Scan(text, ref candidates);
        Ipv6Recogniser.Scan(text, ref candidates);
        SecretRecogniser.Scan(text, ref candidates);
        if (candidates is null)
        {
            return [];
        }

        if (excludeLabels is { Count: > 0 })
        {
            candidates.RemoveAll(c => excludeLabels.Contains(c.Label));
        }

        return OverlapResolver.Resolve(text, candidates);
    }
#pragma warning restore CA1822
}
