// Chat guard benchmark (reported, not asserted): the overhead of FilterApi's /v1/chat/completions against calling the
// same OpenAI-protocol upstream directly. The upstream answers at once (no model time), so the differences are the
// guard's own: a second HTTP hop, both checks on the input and the output, the stream's hold-back.
//   1. Non-streaming, one request after another: direct; guard with x-guard-api: identifier; guard with both checks
//      (the default); both checks with x-guard-details: false; the official OpenAI .NET client, direct and guarded.
//   2. Streaming (20 chunks): time to the first chunk carrying content, and to the end of the stream.
//   3. Throughput: non-streaming from several clients at once.
// Usage: dotnet run -c Release --project Benchmarks/Guard.Benchmarks [-- --requests 2000 --warmup 200 --clients 16 --max-warmup-seconds 60 --no-sdk]
//   (about a minute on 2 cores with the defaults)
using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Guard.Benchmarks;
using OpenAI;
using OpenAI.Chat;

var requests = Option("--requests", 2000);
var warmup = Option("--warmup", 200);
var clients = Option("--clients", 16);
var harness = new Harness(warmup, requests);
var total = Stopwatch.StartNew();

await using var upstream = await FakeUpstream.StartAsync();
using var guard = new GuardHost(upstream.ConnectionString);
var guardBase = new Uri(guard.Start(), "v1/");
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false });

var direct = new ChatCalls(http, upstream.BaseAddress, "sk-bench");
var guarded = new ChatCalls(http, guardBase, GuardHost.Key);
var identifierOnly = new ChatCalls(http, guardBase, GuardHost.Key, new Dictionary<string, string> { ["x-guard-api"] = "identifier" });
var noDetails = new ChatCalls(http, guardBase, GuardHost.Key, new Dictionary<string, string> { ["x-guard-details"] = "false" });

var degraded = await CheckAsync();
Console.WriteLine("# Chat guard overhead (reported, not asserted)");
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; " +
    $"load average at start {LoadAverage()} — a shared machine that other builds may load, so compare rows of one run, not runs."));
Console.WriteLine("Client, guard (FilterApi, Production settings, logging at Warning) and upstream share this process and its cores; " +
    "the upstream answers at once over loopback, so every difference is the guard's own work and its extra hop.");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Risk detector: lexicon tier only (degraded: {degraded}). {requests:N0} calls measured per row; " +
    $"concurrent rows: {clients} clients."));
Console.WriteLine();

Console.Error.WriteLine("==> warm-up");
var warmed = await WarmUp.RunAsync(
    [direct.CompleteAsync, identifierOnly.CompleteAsync, guarded.CompleteAsync, noDetails.CompleteAsync, direct.StreamAsync, guarded.StreamAsync,
        SdkCall(upstream.BaseAddress, "sk-bench"), SdkCall(guardBase, GuardHost.Key)],
    TimeSpan.FromSeconds(Option("--max-warmup-seconds", 60)));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Warm-up: every path together, {warmed.Rounds} rounds in {warmed.Elapsed.TotalSeconds:F0} s, " +
    $"{(warmed.Settled ? "until the JIT had settled" : "stopped by the time limit before the JIT had settled: later rows may look faster")}; " +
    $"then {warmup} more calls before each row."));
Console.WriteLine();

var table = new ReportTable();
Console.Error.WriteLine("==> non-streaming, sequential");
table.Add("non-streaming", await MeasureAsync("direct", direct.CompleteAsync),
    await MeasureAsync("guard, identifier only", identifierOnly.CompleteAsync),
    await MeasureAsync("guard, both checks", guarded.CompleteAsync),
    await MeasureAsync("guard, both checks, no details", noDetails.CompleteAsync));

if (!args.Contains("--no-sdk"))
{
    Console.Error.WriteLine("==> OpenAI .NET client, sequential");
    table.Add("OpenAI .NET ChatClient", await MeasureAsync("direct", SdkCall(upstream.BaseAddress, "sk-bench")),
        await MeasureAsync("guard, both checks", SdkCall(guardBase, GuardHost.Key)));
}

Console.Error.WriteLine("==> streaming, sequential");
var directStreams = await harness.SequentialAsync(direct.StreamAsync);
var guardedStreams = await harness.SequentialAsync(guarded.StreamAsync);
table.Add("stream: first content token", Firsts("direct", directStreams), Firsts("guard, both checks", guardedStreams));
table.Add("stream: whole stream", Totals("direct", directStreams), Totals("guard, both checks", guardedStreams));

Console.Error.WriteLine($"==> non-streaming, {clients} clients");
table.Add($"non-streaming, {clients} clients", Totals("direct", await harness.ConcurrentAsync(clients, direct.CompleteAsync)),
    Totals("guard, both checks", await harness.ConcurrentAsync(clients, guarded.CompleteAsync)));

table.Print(Console.Out);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"×direct: the guarded path's time over the direct one's (req/s: read it the other way); +ms: what the guard adds at the median. " +
    $"The upstream here takes no time, so ×direct is the worst case: in front of a real model the ratio is about 1 + (+ms) / the model's time. " +
    $"Whole run {total.Elapsed.TotalSeconds:F0} s."));
return 0;

async Task<Measurement> MeasureAsync(string name, Func<Task<Sample>> call) => Totals(name, await harness.SequentialAsync(call));

static Measurement Totals(string name, (Sample[] Samples, TimeSpan Wall) run) => new(name, run.Samples.Select(s => s.TotalMs), run.Wall);

static Measurement Firsts(string name, (Sample[] Samples, TimeSpan Wall) run) => new(name, run.Samples.Select(s => s.FirstMs), run.Wall);

static Func<Task<Sample>> SdkCall(Uri endpoint, string key)
{
    var client = new ChatClient(FakeUpstream.Model, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = endpoint });
    ChatMessage[] messages = [new SystemChatMessage(ChatCalls.SystemText), new UserChatMessage(ChatCalls.UserText)];
    return async () =>
    {
        var started = Stopwatch.GetTimestamp();
        await client.CompleteChatAsync(messages);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new Sample(elapsed, elapsed);
    };
}

// Before measuring: the guard answers, masks the answer's phone number, and runs without the model tiers.
async Task<string> CheckAsync()
{
    var (_, body) = await guarded.CompleteOnceAsync();
    var answer = JsonNode.Parse(body)!;
    if (answer["choices"]![0]!["message"]!["content"]!.GetValue<string>().Contains(FakeUpstream.Phone, StringComparison.Ordinal))
    {
        throw new InvalidOperationException("the guard did not mask the answer: its configuration is not the one to measure");
    }

    using var listModels = new HttpRequestMessage(HttpMethod.Get, new Uri(guardBase, "models"));
    listModels.Headers.Authorization = new("Bearer", GuardHost.Key);
    using var models = await http.SendAsync(listModels);
    models.EnsureSuccessStatusCode();
    var risk = answer["security_proxied_data"]!["output_security_api_response"]!["data"]!.AsArray()
        .Single(d => d!["type"]!.GetValue<string>() == "risk-detector")!;
    return string.Join(", ", risk["data"]!["degraded"]!.AsArray().Select(d => d!.GetValue<string>()));
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
