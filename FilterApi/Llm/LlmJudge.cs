using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace FilterApi.Llm;

/// <summary>
/// The LLM tier: asks the configured model whether a text is safe, within <see cref="LlmOptions.Timeout"/>, and
/// remembers the answer. It never throws for the model's sake and never guesses: no model, no answer in time, an
/// answer that is not the verdict JSON, a server error or an open circuit is <see cref="LlmOutcome.Unknown"/> with
/// the reason. Independent of any endpoint, so the detect API and the chat guard share it.
/// </summary>
internal sealed partial class LlmJudge(
    JudgeModel? model, VerdictCache cache, IOptions<LlmOptions> options, LlmMetrics metrics, TimeProvider time,
    ILogger<LlmJudge> logger)
{
    /// <summary>Model calls under way by cache key: the same text asked again meanwhile waits for the same call.</summary>
    private readonly ConcurrentDictionary<string, Task<Judgement>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>False when <c>ConnectionStrings:ollama</c> is not set: every verdict is unknown, not_configured.</summary>
    public bool IsConfigured => model is not null;

    /// <summary>The model's name as Ollama knows it; null when not configured.</summary>
    public string? ModelName => model?.Name;

    /// <summary>Judges one text. Throws only <see cref="OperationCanceledException"/>, when the caller cancels.</summary>
    public async Task<LlmVerdict> JudgeAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var started = time.GetTimestamp();
        if (model is null)
        {
            return Finish(LlmVerdict.Unknown(LlmFailure.NotConfigured, TimeSpan.Zero));
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Timeout);
        var key = VerdictCache.KeyFor(model.Name, text);
        try
        {
            if (await LookUpAsync(key, deadline.Token) is { } remembered)
            {
                return Finish(Verdict(remembered, cached: true, started));
            }

            var judgement = await AskOnceAsync(model, key, text, options.Value.Timeout - time.GetElapsedTime(started)).WaitAsync(deadline.Token);
            return Finish(judgement switch
            {
                { Answer: { } answer } => Verdict(answer, cached: false, started),
                { Failure: { } failure } => LlmVerdict.Unknown(failure, time.GetElapsedTime(started)),
                _ => throw new InvalidOperationException("a judgement has an answer or a failure"),
            });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Finish(LlmVerdict.Unknown(LlmFailure.Timeout, time.GetElapsedTime(started)));
        }
    }

    private async Task<JudgeAnswer?> LookUpAsync(string key, CancellationToken deadline)
    {
        try
        {
            var answer = await cache.GetAsync(key).WaitAsync(deadline);
            metrics.CacheLookup(answer is null ? "miss" : "hit");
            return answer;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store that fails is a miss: the model answers, which costs time, not correctness.
            metrics.CacheLookup("error");
            LogCacheFailed(logger, e);
            return null;
        }
    }

    /// <summary>
    /// Starts the model call for this text unless one is under way, and returns the call's judgement. The call does
    /// not belong to any one caller, so one that gives up stops nobody else's wait; it runs at most its budget, and
    /// its verdict is cached for the caller that tries again.
    /// </summary>
    private Task<Judgement> AskOnceAsync(JudgeModel judgeModel, string key, string text, TimeSpan budget)
    {
        var mine = new TaskCompletionSource<Judgement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _inFlight.GetOrAdd(key, mine.Task);
        if (shared == mine.Task)
        {
            _ = CallModelAsync(judgeModel, key, text, budget, mine);
        }

        return shared;
    }

    private async Task CallModelAsync(JudgeModel judgeModel, string key, string text, TimeSpan budget, TaskCompletionSource<Judgement> result)
    {
        var started = time.GetTimestamp();
        var judgement = Judgement.Failed(LlmFailure.Unavailable);
        try
        {
            using var deadline = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : TimeSpan.Zero);
            var answer = await SendAsync(judgeModel, text, deadline.Token);
            judgement = JudgeAnswer.TryParse(answer, text, out var parsed) ? new Judgement(parsed, null) : Judgement.Failed(LlmFailure.Malformed);
            if (judgement.Answer is { } verdict)
            {
                cache.Set(key, verdict);
            }
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            judgement = Judgement.Failed(LlmFailure.Timeout);
        }
        catch (BrokenCircuitException)
        {
            judgement = Judgement.Failed(LlmFailure.CircuitOpen);
        }
        catch (JsonException e)
        {
            LogFailed(logger, e, LlmFailure.Malformed); // the server's reply was not the Ollama protocol
            judgement = Judgement.Failed(LlmFailure.Malformed);
        }
        catch (Exception e)
        {
            // Refused, reset, an HTTP error status or a client fault: the request gets its answer from the other tiers.
            LogFailed(logger, e, LlmFailure.Unavailable);
        }
        finally
        {
            if (judgement.Failure != LlmFailure.CircuitOpen)
            {
                metrics.Called(judgement.Answer?.Outcome ?? LlmOutcome.Unknown, time.GetElapsedTime(started));
            }

            _inFlight.TryRemove(new KeyValuePair<string, Task<Judgement>>(key, result.Task));
            result.SetResult(judgement);
        }
    }

    private async Task<string?> SendAsync(JudgeModel judgeModel, string text, CancellationToken deadline)
    {
        ChatMessage[] messages = [new(ChatRole.System, JudgePrompt.System), new(ChatRole.User, JudgePrompt.UserMessage(text))];
        var chatOptions = new ChatOptions
        {
            ModelId = judgeModel.Name,
            Temperature = 0,
            MaxOutputTokens = options.Value.MaxOutputTokens,
            // OllamaSharp sends the schema as the request's "format", which Ollama turns into a grammar.
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JudgePrompt.Schema, "moderation_verdict"),
        };

        return await judgeModel.Circuit.ExecuteAsync(async token =>
        {
            try
            {
                // WaitAsync as well: the budget holds even if a layer below stopped watching the token.
                var response = await judgeModel.Client.GetResponseAsync(messages, chatOptions, token).WaitAsync(token);
                return response.Text;
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("the LLM judge's budget ran out"); // so the circuit breaker counts it
            }
        }, deadline);
    }

    private LlmVerdict Verdict(JudgeAnswer answer, bool cached, long started) =>
        new(answer.Outcome, answer.Categories, answer.Reason, answer.Score, cached, null, time.GetElapsedTime(started));

    private LlmVerdict Finish(LlmVerdict verdict)
    {
        if (verdict.Failure is { } failure)
        {
            metrics.Failed(failure);
        }

        metrics.Judged(verdict);
        return verdict;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM judge: no verdict ({Failure})")]
    private static partial void LogFailed(ILogger logger, Exception error, LlmFailure failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "LLM verdict cache failed; asking the model")]
    private static partial void LogCacheFailed(ILogger logger, Exception error);

    /// <summary>What one model call came to: an answer, or why there is none.</summary>
    private sealed record Judgement(JudgeAnswer? Answer, LlmFailure? Failure)
    {
        public static Judgement Failed(LlmFailure failure) => new(null, failure);
    }
}
