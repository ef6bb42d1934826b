using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppHost.Hosting;
using StackExchange.Redis;

namespace AppHost.Tests;

public class GraphTests
{
    [Fact]
    public async Task FilterApiAnswersThroughTheGraphWithRedisAndMySqlHealthy()
    {
        await using var app = await TestGraph.StartAsync("filterapi");
        using var client = app.CreateHttpClient("filterapi");

        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        var checks = health.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("mysql").GetProperty("status").GetString());

        // With the database configured, keys come from the admin API (the configuration's dev key no longer applies).
        var password = ((ParameterResource)app["admin-password"]).Value;
        using var login = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "admin", ["password"] = password }));
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
        await using var first = await TestGraph.StartAsync("redis", "mysql");
        await using var second = await TestGraph.StartAsync("redis", "mysql");

        Assert.NotEqual(first["redis"].Port, second["redis"].Port);
        Assert.NotEqual(first["mysql"].Port, second["mysql"].Port);
        Assert.NotEqual(first.StateDirectory, second.StateDirectory);

        await using var a = await ConnectionMultiplexer.ConnectAsync(first.GetConnectionString("redis")!);
        await using var b = await ConnectionMultiplexer.ConnectAsync(second.GetConnectionString("redis")!);
        await a.GetDatabase().StringSetAsync("marker", "first");
        Assert.False(await b.GetDatabase().KeyExistsAsync("marker"));
    }

    [Fact]
    public async Task ReferencesReachTheServiceAsTheAspireEnvironmentContract()
    {
        await using var app = await TestGraph.StartAsync("filterapi");

        // What the running process really received, read from the kernel.
        var pid = app.ProcessIdOf("filterapi") ?? throw new InvalidOperationException("filterapi is not running");
        var environment = File.ReadAllText($"/proc/{pid}/environ").Split('\0')
            .Where(v => v.Contains('=', StringComparison.Ordinal))
            .Select(v => v.Split('=', 2))
            .ToDictionary(v => v[0], v => v[1]);

        Assert.Equal(app.GetConnectionString("redis"), environment["ConnectionStrings__redis"]);
        Assert.Equal(app.GetConnectionString("filterdb"), environment["ConnectionStrings__filterdb"]);
        Assert.Contains("Database=filterdb", environment["ConnectionStrings__filterdb"], StringComparison.Ordinal);
        Assert.Equal("filterapi", environment["OTEL_SERVICE_NAME"]);
        Assert.Equal(((ParameterResource)app["admin-password"]).Value, environment["Admin__Password"]);

        // The model servers, as service discovery reads them, and answering there.
        foreach (var model in new[] { "fasttext", "kobert" })
        {
            Assert.Equal($"http://127.0.0.1:{app[model].Port}", environment[$"services__{model}__http__0"]);
            using var http = new HttpClient();
            using var health = await http.GetAsync($"{environment[$"services__{model}__http__0"]}/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // Without Ollama installed the LLM tier is reported unavailable and its connection string withheld.
        if (app.StatusOf("ollama") == ResourceStatus.Unavailable)
        {
            Assert.False(environment.ContainsKey("ConnectionStrings__ollama"));
        }
        else
        {
            Assert.StartsWith("Endpoint=http://127.0.0.1:", environment["ConnectionStrings__ollama"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AMissingPythonLibraryStopsTheStartWithThePackageToInstall()
    {
        var exception = await Assert.ThrowsAsync<StartupException>(() => TestGraph.StartAsync(1, builder =>
            builder.Resources.OfType<PythonAppResource>().First(r => r.Name == "fasttext").Modules.Add(("no_such_module_here", "python3-no-such-module")),
            "fasttext"));

        Assert.Contains("sudo apt-get install python3-no-such-module", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACrashedServiceIsRestartedAndHealthyAgain()
    {
        await using var app = await TestGraph.StartAsync("filterapi");
        var first = app.ProcessIdOf("filterapi") ?? throw new InvalidOperationException("filterapi is not running");

        System.Diagnostics.Process.GetProcessById(first).Kill();

        using var client = app.CreateHttpClient("filterapi");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var current = app.ProcessIdOf("filterapi");
            if (current is { } pid && pid != first && await IsHealthyAsync(client))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "filterapi was not restarted within two minutes");
            await Task.Delay(250);
        }
    }

    private static async Task<bool> IsHealthyAsync(HttpClient client)
    {
        try
        {
            using var response = await client.GetAsync("/health");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
