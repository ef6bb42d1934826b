using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Moderation.ModelServers;

namespace FilterApi.Analysis;

/// <summary>
/// Micro-batching for one model server: concurrent requests' texts queue here and leave together, up to
/// <see cref="AnalysisOptions.MaxBatchSize"/> per <c>/predict</c> call. Nothing waits for a batch to fill: a lone
/// request goes at once, and while batches are in flight the texts that arrive meanwhile form the next one, so
/// batches grow with load and a server sees one call per batch instead of one per request.
/// </summary>
internal sealed partial class ModelBatcher : IAsyncDisposable
{
    /// <summary>Spans for batches (ServiceDefaults traces every <c>Moderation.*</c> source).</summary>
    private static readonly ActivitySource Tracing = new("Moderation.ModelBatching");

    private readonly Channel<Pending> _queue;
    private readonly SemaphoreSlim _inFlight;
    private readonly Func<ModelServerClient> _client;
    private readonly AnalysisOptions _options;
    private readonly AnalysisMetrics _metrics;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public ModelBatcher(string model, Func<ModelServerClient> client, IOptions<AnalysisOptions> options, AnalysisMetrics metrics, ILogger logger)
    {
        Model = model;
        _client = client;
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _inFlight = new SemaphoreSlim(_options.MaxConcurrentBatches);
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping an older text
        });
        _loop = Task.Run(RunAsync);
    }

    public string Model { get; }

    /// <summary>The model's prediction for one text, sent in the next batch.</summary>
    /// <exception cref="ModelServerException">The queue is full, or the batch failed.</exception>
    public Task<ModelPrediction> PredictAsync(string text, CancellationToken cancellationToken)
    {
        var pending = new Pending(text, new TaskCompletionSource<ModelPrediction>(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current?.Context);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ModelServerException($"{Model}: {_options.QueueCapacity} texts are already waiting");
        }

        return pending.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                await _inFlight.WaitAsync(_stopping.Token);
                var batch = new List<Pending>(_options.MaxBatchSize);
                while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
                {
                    if (!pending.Result.Task.IsCompleted)
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count == 0)
                {
                    _inFlight.Release();
                    continue;
                }

                _ = SendAsync(batch);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        // The batch's span (and so its HTTP call) belongs to the trace of the request that opened the batch, and
        // links to the other requests it serves: each request's trace shows the model call it waited for.
        var traces = batch.Where(p => p.Trace is not null).Select(p => p.Trace!.Value).Distinct().ToList();
        using var activity = Tracing.StartActivity(
            $"{Model} predict", ActivityKind.Internal, traces.FirstOrDefault(), links: traces.Skip(1).Select(t => new ActivityLink(t)));
        activity?.SetTag("moderation.model_server", Model);
        activity?.SetTag("moderation.batch_size", batch.Count);
        try
        {
            _metrics.Batch(Model, batch.Count);
            var results = await _client().PredictAsync([.. batch.Select(p => p.Text)], _stopping.Token);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(results[i]);
            }
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            LogBatchFailed(_logger, e, Model, batch.Count);
            foreach (var pending in batch)
            {
                pending.Result.TrySetException(e);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        await _loop;
        // _inFlight is not disposed: batches cancelled just now still release it on their way out.
        _stopping.Dispose();
    }

    private sealed record Pending(string Text, TaskCompletionSource<ModelPrediction> Result, ActivityContext? Trace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} texts to {Model} failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string model, int count);
}
