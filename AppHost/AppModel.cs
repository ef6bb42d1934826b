using AppHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace AppHost;

/// <summary>The whole graph, in one place: <c>Program</c> runs it and tests boot it (or a part of it).</summary>
public static class AppModel
{
    /// <summary>FilterApi's documented, fixed port (overridable with <c>Ports:filterapi</c>).</summary>
    public const int FilterApiPort = 5080;

    public static void Define(DistributedApplicationBuilder builder)
    {
        var redis = builder.AddRedis("redis");
        var mysql = builder.AddMySql("mysql");
        var filterDb = builder.AddDatabase(mysql, "filterdb");

        builder.AddProject("filterapi", "FilterApi/FilterApi.csproj")
            .WithPort(builder.Configuration.GetValue("Ports:filterapi", FilterApiPort))
            .WithReference(redis).WaitFor(redis)
            .WithReference(filterDb).WaitFor(filterDb);
    }
}
