using System.Diagnostics;
using System.Runtime;

namespace Guard.Benchmarks;

/// <summary>
/// Every path warmed together until the JIT is done with them. A fixed count is not enough here: tiered compilation
/// with dynamic PGO promotes a method only after 100 ms without new tier-0 work, so on a busy machine the guard's
/// thousands of methods keep reaching tier 1 for ten thousand requests and more, and the row measured last would
/// look fastest. Rounds run until two in a row compile almost nothing, or the time is up.
/// </summary>
internal static class WarmUp
{
    private const int CallsPerPathPerRound = 100;
    private const int QuietMethods = 10;

    public static async Task<(int Rounds, TimeSpan Elapsed, bool Settled)> RunAsync(IReadOnlyList<Func<Task<Sample>>> paths, TimeSpan limit)
    {
        var elapsed = Stopwatch.StartNew();
        var rounds = 0;
        for (var quiet = 0; quiet < 2; rounds++)
        {
            if (elapsed.Elapsed > limit)
            {
                return (rounds, elapsed.Elapsed, false);
            }

            var before = JitInfo.GetCompiledMethodCount();
            foreach (var path in paths)
            {
                for (var i = 0; i < CallsPerPathPerRound; i++)
                {
                    await path();
                }
            }

            // A pause with nothing new to compile is what lets the queued promotions happen.
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            quiet = JitInfo.GetCompiledMethodCount() - before < QuietMethods ? quiet + 1 : 0;
        }

        return (rounds, elapsed.Elapsed, true);
    }
}
