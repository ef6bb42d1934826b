using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace Engine.Benchmarks;

internal static class BenchmarkConfig
{
    /// <summary>
    /// Quick (the default): one launch, 3 warm-up and 5 measured iterations of ~250 ms, which keeps all
    /// 24 cases under ~5 minutes on a 2-core machine. Full: BenchmarkDotNet's default job, for numbers to publish.
    /// </summary>
    public static IConfig Create(bool full)
    {
        var job = full
            ? Job.Default
            : Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(5)
                .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(250))
                .WithId("Quick");

        return DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddColumn(new CharsPerSecondColumn())
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
            .WithOptions(ConfigOptions.JoinSummary);
    }
}
