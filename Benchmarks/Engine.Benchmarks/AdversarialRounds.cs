using System.Diagnostics;
using System.Globalization;
using Moderation.Engine;

namespace Engine.Benchmarks;

/// <summary>
/// The adversarial texts of <see cref="AdversarialTextBenchmarks"/> timed in rounds: each round runs a batch of every
/// text, ordinary chat text included, back to back, and the fastest batch of each text is kept. BenchmarkDotNet
/// measures one case after another, minutes apart, and on a shared virtual machine whose speed drifts (ordinary text
/// read 86 M and 113 M chars/s in two runs) a ratio of two such cases moves with the drift; batches a few
/// milliseconds apart move alike. Run with <c>--rounds</c>.
/// </summary>
internal static class AdversarialRounds
{
    private const int Rounds = 40;

    /// <summary>About this many characters per batch, so a batch takes a few milliseconds at either length.</summary>
    private const int CharsPerBatch = 150_000;

    private static readonly int[] Lengths = [100, 10_000];

    public static void Print(TextWriter output)
    {
        var engine = ModerationEngine.CreateDefault();
        var cases = (
            from length in Lengths
            from text in AdversarialTextBenchmarks.Texts
            select (Text: text, Length: length, Input: AdversarialTextBenchmarks.Build(text, length))).ToList();

        // Tiering settles (tier 1, with dynamic PGO) on every text before a batch counts.
        var sink = 0;
        foreach (var (_, _, input) in cases)
        {
            var warming = Stopwatch.StartNew();
            while (warming.ElapsedMilliseconds < 200)
            {
                sink += AdversarialTextBenchmarks.Filter(engine, input);
            }
        }

        var fastest = new double[cases.Count];
        Array.Fill(fastest, double.MaxValue);
        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < cases.Count; i++)
            {
                var (_, length, input) = cases[i];
                var calls = Math.Max(4, CharsPerBatch / length);
                var started = Stopwatch.GetTimestamp();
                for (var k = 0; k < calls; k++)
                {
                    sink += AdversarialTextBenchmarks.Filter(engine, input);
                }

                fastest[i] = Math.Min(fastest[i], Stopwatch.GetElapsedTime(started).TotalNanoseconds / calls / length);
            }
        }

        output.WriteLine();
        output.WriteLine($"FILTER, fastest batch of {Rounds} rounds, every text in each round ({sink % 2} is a sink):");
        output.WriteLine("| text | " + string.Join(" | ", Lengths.Select(l => $"{l}: ns/char | {l}: time / ordinary")) + " |");
        output.WriteLine("|---|" + string.Concat(Lengths.Select(_ => "---:|---:|")));
        foreach (var text in AdversarialTextBenchmarks.Texts)
        {
            var cells = Lengths.Select(length =>
            {
                var ns = fastest[cases.FindIndex(c => c.Text == text && c.Length == length)];
                var ordinary = fastest[cases.FindIndex(c => c.Text == AdversarialTextBenchmarks.Ordinary && c.Length == length)];
                return string.Create(CultureInfo.InvariantCulture, $"{ns:F2} | {ns / ordinary:F2}");
            });
            output.WriteLine($"| {text} | {string.Join(" | ", cells)} |");
        }
    }
}
