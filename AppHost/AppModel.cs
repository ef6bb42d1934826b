using AppHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace AppHost;

/// <summary>The whole graph, in one place: <c>Program</c> runs it and tests boot it (or a part of it).</summary>
public static class AppModel
{
    /// <summary>FilterApi's documented, fixed port (overridable with <c>Ports:filterapi</c>).</summary>
    public const int FilterApiPort = 5080;

    /// <param name="filterApiReplicas">
    /// How many FilterApi processes share Redis and MySQL: <c>filterapi</c>, then <c>filterapi-2</c>… on ports of
    /// their own (tests prove cross-replica behaviour with 2; Kubernetes scales the one Deployment instead).
    /// </param>
    /// <param name="logConsumerReplicas">LogConsumer processes in the consumer group: <c>logconsumer</c>, <c>logconsumer-2</c>…</param>
    public static void Define(DistributedApplicationBuilder builder, int filterApiReplicas = 1, int logConsumerReplicas = 1)
    {
        var adminPassword = builder.AddParameter("admin-password");
        adminPassword.ConsoleLabel = "admin login: user admin, password";
        var redis = builder.AddRedis("redis");
        var mysql = builder.AddMySql("mysql");
        var filterDb = builder.AddDatabase(mysql, "filterdb");
        var ollama = builder.AddOllama("ollama", builder.Configuration["Parameters:ollama-model"] ?? "qwen2.5:1.5b");

        // The ML tier: model servers on Debian's Python, models loaded once at start.
        var fastText = AddModelServer(builder, "fasttext", ("fasttext", "python3-fasttext"));
        var kobert = AddModelServer(builder, "kobert", ("torch", "python3-torch"), ("sentencepiece", "python3-sentencepiece"));

        ProjectResource? firstFilterApi = null;
        for (var replica = 1; replica <= filterApiReplicas; replica++)
        {
            var filterApi = builder.AddProject(replica == 1 ? "filterapi" : $"filterapi-{replica}", "FilterApi/FilterApi.csproj")
                .WithReference(redis).WaitFor(redis)
                .WithReference(filterDb).WaitFor(filterDb)
                .WithReference(ollama).WaitFor(ollama) // only when Ollama is installed; otherwise the LLM tier is off
                .WithReference(fastText).WaitFor(fastText)
                .WithReference(kobert).WaitFor(kobert)
                .WithEnvironment("Admin__Password", adminPassword);
            if (replica == 1)
            {
                filterApi.WithPort(builder.Configuration.GetValue("Ports:filterapi", FilterApiPort));
                firstFilterApi = filterApi;
            }
        }

        // Streams into statistics.
        for (var replica = 1; replica <= logConsumerReplicas; replica++)
        {
            builder.AddProject(replica == 1 ? "logconsumer" : $"logconsumer-{replica}", "LogConsumer/LogConsumer.csproj")
                .WithReference(redis).WaitFor(redis)
                .WithReference(filterDb).WaitFor(filterDb)
                .WaitFor(firstFilterApi!); // FilterApi owns and migrates the schema the consumer writes to
        }
    }

    private static PythonAppResource AddModelServer(DistributedApplicationBuilder builder, string model, params (string Module, string Package)[] modules)
    {
        var server = builder.AddPythonApp(model, "model-servers/serve.py", model);
        server.Modules.AddRange([("fastapi", "python3-fastapi"), ("uvicorn", "python3-uvicorn"), ("numpy", "python3-numpy"), .. modules]);
        return server;
    }
}
