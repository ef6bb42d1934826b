using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using StackExchange.Redis;

namespace AppHost.Tests;

public class GraphTests
{
    [Fact]
    public async Task FilterApiAnswersThroughTheGraphWithRedisAndMySqlHealthy()
    {
        await using var graph = await TestGraph.StartAsync("filterapi");
        using var client = graph.CreateHttpClient("filterapi");

        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        var checks = health.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("mysql").GetProperty("status").GetString());

        // With the database configured, keys come from the admin API (the configuration's dev key no longer applies).
        using var login = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = graph.AdminPassword }));
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var issue = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/keys") { Content = JsonContent.Create(new { name = "graph", ownerEmail = "ops@example.com" }) };
        issue.Headers.Authorization = new("Bearer", token);
        using var issued = await client.SendAsync(issue);
        client.DefaultRequestHeaders.Add("x-api-key", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        using var response = await client.PostAsJsonAsync("/api/v1/filter", new { text = "아 진짜 시1발 왜", mode = "FILTER" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2000, body.GetProperty("status").GetProperty("code").GetInt32());
        Assert.Equal("아 진짜 *** 왜", body.GetProperty("filtered").GetString());
    }

    [Fact]
    public async Task TwoGraphsStartedSideBySideShareNothing()
    {
        await using var first = await TestGraph.StartAsync("redis", "filterdb");
        await using var second = await TestGraph.StartAsync("redis", "filterdb");

        Assert.NotEqual(first.GetEndpoint("redis").Port, second.GetEndpoint("redis").Port);
        Assert.NotEqual(first.GetEndpoint("mysql").Port, second.GetEndpoint("mysql").Port);
        Assert.NotEqual(first.StateDirectory, second.StateDirectory);

        await using var a = await ConnectionMultiplexer.ConnectAsync(await first.GetConnectionStringAsync("redis"));
        await using var b = await ConnectionMultiplexer.ConnectAsync(await second.GetConnectionStringAsync("redis"));
        await a.GetDatabase().StringSetAsync("marker", "first");
        Assert.False(await b.GetDatabase().KeyExistsAsync("marker"));
    }

    [Fact]
    public async Task ReferencesReachTheServiceAsTheAspireEnvironmentContract()
    {
        await using var graph = await TestGraph.StartAsync("filterapi");

        // What the running process really received, read from the kernel.
        var pid = graph.ProcessIdOf("filterapi") ?? throw new InvalidOperationException("filterapi is not running");
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0')
            .Where(v => v.Contains('=', StringComparison.Ordinal))
            .Select(v => v.Split('=', 2))
            .ToDictionary(v => v[0], v => v[1]);

        Assert.Equal(await graph.GetConnectionStringAsync("redis"), environment["ConnectionStrings__redis"]);
        Assert.Contains($"password={graph.Secrets["redis-password"]}", environment["ConnectionStrings__redis"], StringComparison.Ordinal);
        Assert.Equal(await graph.GetConnectionStringAsync("filterdb"), environment["ConnectionStrings__filterdb"]);
        Assert.Contains("Database=filterdb", environment["ConnectionStrings__filterdb"], StringComparison.Ordinal);
        Assert.Equal("filterapi", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal("Production", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal(graph.AdminPassword, environment["Admin__Password"]);
        Assert.Matches(@"^Endpoint=http://[^;]+:\d+;Model=qwen", environment["ConnectionStrings__ollama"]);

        // The model servers, as service discovery reads them, and answering there.
        foreach (var model in new[] { "fasttext", "kobert" })
        {
            await graph.App.ResourceNotifications.WaitForResourceHealthyAsync(model);
            Assert.Equal(graph.GetEndpoint(model).ToString().TrimEnd('/'), environment[$"services__{model}__http__0"]);
            using var http = new HttpClient();
            using var health = await http.GetAsync($"{environment[$"services__{model}__http__0"]}/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc and POSIX file modes
    public async Task SecretsStayOffCommandLinesAndRedisRefusesClientsWithoutThePassword()
    {
        await using var graph = await TestGraph.StartAsync("redis", "filterdb");

        foreach (var resource in new[] { "redis", "mysql" })
        {
            var commandLine = ProcessTree.CommandLine(graph.ProcessIdOf(resource) ?? throw new InvalidOperationException($"{resource} is not running"));
            Assert.All(graph.Secrets.Values, secret => Assert.DoesNotContain(secret, commandLine, StringComparison.Ordinal));
        }

        var config = Path.Combine(graph.StateDirectoryOf("redis"), "redis.conf");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));

        // A client without the password is refused in Redis' own words.
        using var anonymous = new System.Net.Sockets.TcpClient();
        await anonymous.ConnectAsync("127.0.0.1", graph.GetEndpoint("redis").Port);
        var stream = anonymous.GetStream();
        await stream.WriteAsync("SET k v\r\n"u8.ToArray());
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        Assert.StartsWith("-NOAUTH", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPythonLibrariesFailOnlyTheModelServersWhileFilterApiIsHealthyAndAnswersDegraded()
    {
        await using var graph = await TestGraph.StartAsync(1, builder =>
        {
            foreach (var server in builder.Resources.OfType<ModelServerResource>())
            {
                server.Modules.Add(("no_such_module_here", "python3-no-such-module"));
            }
        }, "filterapi");

        Assert.Equal(KnownResourceStates.FailedToStart, graph.StateOf("fasttext"));
        Assert.Equal(KnownResourceStates.FailedToStart, graph.StateOf("kobert"));
        Assert.Contains("sudo apt-get install python3-no-such-module", await graph.ResourceLogAsync("fasttext"), StringComparison.Ordinal);

        using var client = graph.CreateHttpClient("filterapi");
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode); // Degraded, not Unhealthy: the API is up
        var anonymous = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("model-servers");
        Assert.Equal("Degraded", anonymous.GetProperty("status").GetString());
        Assert.DoesNotContain("fasttext", anonymous.GetRawText(), StringComparison.Ordinal); // why is for operators only
        using var asOperator = new HttpRequestMessage(HttpMethod.Get, "/health");
        asOperator.Headers.Authorization = new("Bearer", await AdminClient.LoginAsync(client, graph.AdminPassword));
        using var detailed = await client.SendAsync(asOperator);
        Assert.Contains("fasttext", (await detailed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetProperty("model-servers").GetRawText(), StringComparison.Ordinal);

        var key = await AdminClient.IssueKeyAsync(client, graph.AdminPassword);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/analyze/chat") { Content = JsonContent.Create(new { text = "you are a fucking idiot" }) };
        request.Headers.Add("x-api-key", key);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body.GetProperty("degraded").GetBoolean());
        Assert.Equal(1, body.GetProperty("final_decision").GetInt32()); // the lexicon tier still decides
    }

    [Fact]
    public async Task AKilledServiceShowsAsExitedAndStartsAgainThroughTheAppModel()
    {
        await using var graph = await TestGraph.StartAsync("filterapi");
        var first = graph.ProcessIdOf("filterapi") ?? throw new InvalidOperationException("filterapi is not running");

        System.Diagnostics.Process.GetProcessById(first).Kill();
        await graph.App.ResourceNotifications.WaitForResourceAsync("filterapi", [KnownResourceStates.Exited, KnownResourceStates.Finished]);
        await graph.StartResourceAsync("filterapi");

        Assert.NotEqual(first, graph.ProcessIdOf("filterapi"));
        using var client = graph.CreateHttpClient("filterapi");
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
