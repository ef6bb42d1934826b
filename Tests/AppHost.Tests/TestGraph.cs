using AppHost.Hosting;

namespace AppHost.Tests;

/// <summary>
/// The testing entry point in use, as Aspire.Hosting.Testing is: the app model of <c>AppHost</c>, limited to the
/// resources a test names, on free ports and a state folder of its own, disposed with the test.
/// </summary>
internal static class TestGraph
{
    public static Task<DistributedApplication> StartAsync(params string[] only) => StartAsync(filterApiReplicas: 1, configure: null, only);

    /// <param name="filterApiReplicas">FilterApi processes sharing Redis and MySQL: filterapi, filterapi-2…</param>
    /// <param name="configure">Changes to the app model before it starts (e.g. shorter intervals for a test).</param>
    /// <param name="logConsumerReplicas">LogConsumer processes in the consumer group: logconsumer, logconsumer-2…</param>
    public static async Task<DistributedApplication> StartAsync(
        int filterApiReplicas, Action<DistributedApplicationBuilder>? configure, params string[] only) =>
        await StartAsync(filterApiReplicas, logConsumerReplicas: 1, configure, only);

    public static async Task<DistributedApplication> StartAsync(
        int filterApiReplicas, int logConsumerReplicas, Action<DistributedApplicationBuilder>? configure, params string[] only)
    {
        var builder = DistributedApplicationBuilder.CreateBuilder([], new DistributedApplicationOptions
        {
            StateDirectory = Path.Combine(Path.GetTempPath(), "apphost-tests", Guid.NewGuid().ToString("N")),
            UseFixedPorts = false,
            BuildProjects = false, // the solution build made them; parallel tests must not rebuild them at once
            Only = only,
            DeleteStateOnDispose = true,
        });
        AppModel.Define(builder, filterApiReplicas, logConsumerReplicas);
        configure?.Invoke(builder);
        var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(timeout.Token);
        return app;
    }
}
