using System.Net.Http.Json;

namespace Moderation.ModelServers;

/// <summary>
/// A client of one model server. The caller owns the <see cref="HttpClient"/> and its policies (FilterApi adds
/// service discovery, timeouts, retries and a circuit breaker; the quality command uses a plain one).
/// </summary>
public class ModelServerClient(HttpClient http)
{
    /// <summary>Scores up to <see cref="ModelServerLimits.MaxTexts"/> texts in one request.</summary>
    /// <exception cref="ModelServerException">The server refused the batch or answered something unexpected.</exception>
    public async Task<IReadOnlyList<ModelPrediction>> PredictAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("predict", new PredictRequest(texts), ModelServerJson.Default.PredictRequest, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            throw new ModelServerException($"{http.BaseAddress} answered {(int)response.StatusCode}: {error}");
        }

        var body = await response.Content.ReadFromJsonAsync(ModelServerJson.Default.PredictResponse, cancellationToken);
        if (body is null || body.Results.Count != texts.Count)
        {
            throw new ModelServerException($"{http.BaseAddress} answered {body?.Results.Count ?? 0} results for {texts.Count} texts");
        }

        return body.Results;
    }

    public async Task<ModelHealth> HealthAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync("health", ModelServerJson.Default.ModelHealth, cancellationToken)
        ?? throw new ModelServerException($"{http.BaseAddress} answered an empty health document");

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(text, ModelServerJson.Default.ModelServerError)?.Detail ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }
}

/// <summary>A model server refused a request or broke the contract.</summary>
public sealed class ModelServerException(string message) : Exception(message);
