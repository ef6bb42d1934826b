using System.Diagnostics;

namespace Guard.Benchmarks;

/// <summary>Warm-up, then N calls one after another or from several clients at once; reports, never asserts.</summary>
internal sealed class Harness(int warmup, int requests)
{
    public int Requests => requests;

    /// <summary>Each call's first-token and total times, and the wall time of the measured calls.</summary>
    public async Task<(Sample[] Samples, TimeSpan Wall)> SequentialAsync(Func<Task<Sample>> call)
    {
        for (var i = 0; i < warmup; i++)
        {
            await call();
        }

        var samples = new Sample[requests];
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < requests; i++)
        {
            samples[i] = await call();
        }

        return (samples, wall.Elapsed);
    }

    /// <summary><paramref name="clients"/> loops sharing the N calls; wall time from the first call to the last answer.</summary>
    public async Task<(Sample[] Samples, TimeSpan Wall)> ConcurrentAsync(int clients, Func<Task<Sample>> call)
    {
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = 0; i < Math.Max(1, warmup / clients); i++)
            {
                await call();
            }
        }));

        var samples = new Sample[requests];
        var next = -1;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                samples[i] = await call();
            }
        }));
        return (samples, wall.Elapsed);
    }
}
