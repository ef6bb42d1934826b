namespace Moderation.Pii.Recognisers;

/// <summary>A value a recogniser found, before overlaps are resolved and the context bonus is added.</summary>
internal readonly record struct Candidate(string Label, int Start, int End, double Score)
{
    public int Length => End - Start;

    /// <summary>Adds to a list made on the first candidate, so a text without personal data allocates nothing.</summary>
    public static void Add(ref List<Candidate>? list, string label, int start, int end, double score) =>
        (list ??= []).Add(new Candidate(label, start, end, score));
}
