using System.Net.Http.Json;
using System.Text.Json;

namespace AppHost.Hosting;

/// <summary>
/// <c>ollama serve</c> when Ollama is installed, with its models in the state folder; the model is pulled once
/// if missing. Without Ollama the resource is reported unavailable (the LLM tier is off) and the run goes on:
/// referencing services then get no <c>ConnectionStrings__ollama</c>.
/// </summary>
public sealed class OllamaResource(string name, string model) : Resource(name)
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public string Model { get; } = model;

    /// <summary>The Ollama program (a full path also works).</summary>
    public string Executable { get; init; } = "ollama";

    /// <summary>False when <see cref="Executable"/> is not installed.</summary>
    public bool IsAvailable => ProcessRunner.IsInstalled(Executable);

    public override string ConnectionString => $"Endpoint=http://127.0.0.1:{Port};Model={Model}";

    public override bool RestartOnCrash => true;

    public override ProcessSpec CreateProcess() => new(
        Executable,
        ["serve"],
        StateDirectory,
        new Dictionary<string, string>
        {
            ["OLLAMA_HOST"] = $"127.0.0.1:{Port}",
            ["OLLAMA_MODELS"] = Path.Combine(StateDirectory, "models"),
        });

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        Probes.HttpOkAsync($"http://127.0.0.1:{Port}/api/tags", cancellationToken);

    public override async Task OnHealthyAsync(CancellationToken cancellationToken)
    {
        var tags = await Http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{Port}/api/tags", cancellationToken);
        var installed = tags.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString());
        if (installed.Any(n => n == Model || n == $"{Model}:latest"))
        {
            return;
        }

        // One pull, the first time: the endpoint streams progress and answers when the model is in place.
        using var response = await Http.PostAsJsonAsync($"http://127.0.0.1:{Port}/api/pull", new { model = Model, stream = false }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
