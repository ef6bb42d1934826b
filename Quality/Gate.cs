using System.Globalization;

namespace Quality;

/// <summary>The suite gate: in every language, recall on label-1 cases at least a minimum and the false-positive rate on label-0 cases at most a maximum.</summary>
internal sealed record Gate(double MinRecall, double MaxFalsePositiveRate, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;

    public static Gate Evaluate(SuiteResult suite, double minRecall, double maxFalsePositiveRate)
    {
        var failures = new List<string>();
        foreach (var (lang, confusion) in suite.Languages.Rows)
        {
            if (confusion.Recall is { } recall && recall < minRecall)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{lang}: recall {recall:0.000} < {minRecall:0.000}"));
            }

            if (confusion.FalsePositiveRate is { } rate && rate > maxFalsePositiveRate)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{lang}: false-positive rate {rate:0.000} > {maxFalsePositiveRate:0.000}"));
            }
        }

        if (suite.Languages.Total.Count == 0)
        {
            failures.Add("the suite has no cases");
        }

        return new Gate(minRecall, maxFalsePositiveRate, failures);
    }
}
