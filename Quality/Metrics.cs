namespace Quality;

/// <summary>
/// A confusion matrix for "flagged" (the engine found something) against the label. Rates whose denominator
/// is zero are null (no label-1 cases: no recall), not 0 or NaN.
/// </summary>
internal sealed class Confusion
{
    public int TruePositives { get; private set; }

    public int FalsePositives { get; private set; }

    public int TrueNegatives { get; private set; }

    public int FalseNegatives { get; private set; }

    public int Count => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    public int Positives => TruePositives + FalseNegatives;

    public int Negatives => TrueNegatives + FalsePositives;

    public int Flagged => TruePositives + FalsePositives;

    public double? Precision => Ratio(TruePositives, Flagged);

    public double? Recall => Ratio(TruePositives, Positives);

    public double? FalsePositiveRate => Ratio(FalsePositives, Negatives);

    public double? F1 => Precision is { } p && Recall is { } r ? (p + r == 0 ? 0 : 2 * p * r / (p + r)) : null;

    public void Add(bool flagged, bool positive)
    {
        switch (flagged, positive)
        {
            case (true, true): TruePositives++; break;
            case (true, false): FalsePositives++; break;
            case (false, false): TrueNegatives++; break;
            case (false, true): FalseNegatives++; break;
        }
    }

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;
}

/// <summary>
/// Confusion matrices per group (a language, a suite kind) in first-seen order, plus their <see cref="Total"/>.
/// <paramref name="initialKeys"/> fixes the order of the groups expected anyway (ko, en, zh).
/// </summary>
internal sealed class ConfusionTable(IEnumerable<string> initialKeys)
{
    private readonly List<(string Key, Confusion Confusion)> _rows = [.. initialKeys.Select(k => (k, new Confusion()))];

    public IReadOnlyList<(string Key, Confusion Confusion)> Rows => _rows;

    public Confusion Total { get; } = new();

    /// <summary>The groups, then the total as a row named <c>all</c>.</summary>
    public IEnumerable<(string Key, Confusion Confusion)> RowsWithTotal => Rows.Append(("all", Total));

    public void Add(string key, bool flagged, bool positive)
    {
        var index = _rows.FindIndex(r => r.Key == key);
        if (index < 0)
        {
            _rows.Add((key, new Confusion()));
            index = _rows.Count - 1;
        }

        _rows[index].Confusion.Add(flagged, positive);
        Total.Add(flagged, positive);
    }
}
