using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.ModelServers;

/// <summary>The resource names of the model servers, as the app model and service discovery spell them.</summary>
public static class ModelServerNames
{
    public const string FastText = "fasttext";
    public const string Kobert = "kobert";
}

/// <summary>What the servers accept per request (model-servers/moderation_models/server.py).</summary>
public static class ModelServerLimits
{
    public const int MaxTexts = 64;
    public const int MaxTextLength = 10_000;
}

/// <summary>Body of <c>POST /predict</c>.</summary>
public sealed record PredictRequest(IReadOnlyList<string> Texts);

/// <summary>Answer of <c>POST /predict</c>: one result per text, in order.</summary>
public sealed record PredictResponse(string Model, IReadOnlyList<ModelPrediction> Results);

/// <param name="Toxic">Probability that the text is abusive, 0–1.</param>
/// <param name="Words">fastText only: the words, as the text spells them, that push the score up.</param>
public sealed record ModelPrediction(double Toxic, IReadOnlyList<string>? Words);

/// <summary>Answer of <c>GET /health</c>: the model and its per-language thresholds tuned on dev.</summary>
public sealed record ModelHealth(string Status, string Model, IReadOnlyDictionary<string, double> Thresholds);

/// <summary>The servers' error body: <c>{"error": "invalid_request", "detail": "texts[1] is empty"}</c>.</summary>
public sealed record ModelServerError(string Error, string Detail);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PredictRequest))]
[JsonSerializable(typeof(PredictResponse))]
[JsonSerializable(typeof(ModelHealth))]
[JsonSerializable(typeof(ModelServerError))]
internal sealed partial class ModelServerJson : JsonSerializerContext;
