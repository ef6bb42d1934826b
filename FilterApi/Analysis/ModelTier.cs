using Moderation.ModelServers;

namespace FilterApi.Analysis;

/// <summary>
/// One model of the ML tier as the analysis sees it: configured or not (<c>services__{name}__http__0</c>), and a
/// prediction or nothing. Failures are the caller's "this tier did not answer", never an error of the request.
/// </summary>
internal sealed partial class ModelTier(string name, ModelBatcher? batcher, AnalysisMetrics metrics, ILogger<ModelTier> logger) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>False when no address is configured for the server: the tier is off.</summary>
    public bool IsConfigured => batcher is not null;

    /// <returns>The prediction, or null when the server is not configured, down, failing, slow or overloaded.</returns>
    public async Task<ModelPrediction?> TryPredictAsync(string text, CancellationToken deadline)
    {
        if (batcher is null)
        {
            return null;
        }

        try
        {
            return await batcher.PredictAsync(text, deadline);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            metrics.Missed(Name, "timeout");
            return null;
        }
        catch (Exception e)
        {
            // Whatever went wrong on the way to the model (refused, broken contract, open breaker, a bug in the
            // client), the request gets its answer from the other tiers: the tier reports, it never throws.
            metrics.Missed(Name, e.GetType().Name);
            LogMissed(logger, Name, e.Message);
            return null;
        }
    }

    public ValueTask DisposeAsync() => batcher?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Model} did not answer: {Reason}")]
    private static partial void LogMissed(ILogger logger, string model, string reason);
}

/// <summary>Both models, resolved once; disposing stops their batchers.</summary>
internal sealed record ModelTiers(ModelTier FastText, ModelTier Kobert) : IAsyncDisposable
{
    public IEnumerable<ModelTier> All => [FastText, Kobert];

    public async ValueTask DisposeAsync()
    {
        await FastText.DisposeAsync();
        await Kobert.DisposeAsync();
    }
}
