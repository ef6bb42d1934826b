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

            var answer = await AskAsync(model, text, cancellationToken, deadline.Token);
            if (!JudgeAnswer.TryParse(answer, text, out var parsed))
            {
                return Finish(Failed(LlmFailure.Malformed, started, modelCalled: true));
            }

            metrics.Called(parsed.Outcome, time.GetElapsedTime(started));
            cache.Set(key, parsed);
            return Finish(Verdict(parsed, cached: false, started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Finish(Failed(LlmFailure.Timeout, started, modelCalled: false)); // the deadline passed in the cache lookup
        }
        catch (TimeoutException)
        {
            return Finish(Failed(LlmFailure.Timeout, started, modelCalled: true));
        }
        catch (BrokenCircuitException)
        {
            return Finish(Failed(LlmFailure.CircuitOpen, started, modelCalled: false));
        }
        catch (JsonException e)
        {
            LogFailed(logger, e, LlmFailure.Malformed);
            return Finish(Failed(LlmFailure.Malformed, started, modelCalled: true));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Refused, reset, an HTTP error status or a client fault: the request gets its answer from the other tiers.
            LogFailed(logger, e, LlmFailure.Unavailable);
            return Finish(Failed(LlmFailure.Unavailable, started, modelCalled: true));
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

    private async Task<string?> AskAsync(JudgeModel model, string text, CancellationToken caller, CancellationToken deadline)
    {
        ChatMessage[] messages = [new(ChatRole.System, JudgePrompt.System), new(ChatRole.User, JudgePrompt.UserMessage(text))];
        var chatOptions = new ChatOptions
        {
            ModelId = model.Name,
            Temperature = 0,
            MaxOutputTokens = options.Value.MaxOutputTokens,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(JudgePrompt.Schema, "moderation_verdict"),
        };

        return await model.Circuit.ExecuteAsync(async token =>
        {
            try
            {
                // WaitAsync as well: the caller's budget holds even if a layer below stopped watching the token.
                var response = await model.Client.GetResponseAsync(messages, chatOptions, token).WaitAsync(token);
                return response.Text;
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                throw new TimeoutException("the LLM judge's deadline passed"); // so the circuit breaker counts it
            }
        }, deadline);
    }

    private LlmVerdict Verdict(JudgeAnswer answer, bool cached, long started) =>
        new(answer.Outcome, answer.Categories, answer.Reason, answer.Score, cached, null, time.GetElapsedTime(started));

    private LlmVerdict Failed(LlmFailure failure, long started, bool modelCalled)
    {
        var elapsed = time.GetElapsedTime(started);
        if (modelCalled)
        {
            metrics.Called(LlmOutcome.Unknown, elapsed);
        }

        return LlmVerdict.Unknown(failure, elapsed);
    }

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
}
