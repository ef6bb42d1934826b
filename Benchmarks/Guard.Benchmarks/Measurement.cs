namespace Guard.Benchmarks;

/// <summary>One request's times, from sending it: its first content token (streams; else the whole answer) and its end.</summary>
internal readonly record struct Sample(double FirstMs, double TotalMs);

/// <summary>The latencies of one path and the wall time they took (sequential: their sum; concurrent: less).</summary>
internal sealed class Measurement
{
    private readonly double[] _sorted;

    public Measurement(string name, IEnumerable<double> milliseconds, TimeSpan wall)
    {
        Name = name;
        _sorted = [.. milliseconds.Order()];
        Wall = wall;
    }

    public string Name { get; }

    public TimeSpan Wall { get; }

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Mean => _sorted.Average();

    public double PerSecond => Count / Wall.TotalSeconds;

    /// <summary>Nearest rank.</summary>
    private double Percentile(double p) => _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}
