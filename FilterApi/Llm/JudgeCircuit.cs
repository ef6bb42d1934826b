using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;

namespace FilterApi.Llm;

/// <summary>
/// The circuit breaker in front of the model: after <see cref="LlmOptions.BreakAfterFailures"/> failed calls in a
/// row within <see cref="LlmOptions.FailureWindow"/>, judgements answer unknown at once for
/// <see cref="LlmOptions.BreakDuration"/>, then one call tries the server again. There is no retry: a second try of
/// a call that takes seconds does not fit in the caller's budget.
/// </summary>
internal static partial class JudgeCircuit
{
    public static ResiliencePipeline Create(LlmOptions options, CircuitBreakerStateProvider state, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // Every call in the window failed, and at least this many: a dead or hung server, not one bad answer.
                FailureRatio = 1.0,
                MinimumThroughput = options.BreakAfterFailures,
                SamplingDuration = options.FailureWindow,
                BreakDuration = options.BreakDuration,
                StateProvider = state,
                // Timeouts (the judge turns its deadline into a TimeoutException) and transport or HTTP errors count.
                // The caller giving up does not, nor does an answer that does not parse: the server is up.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not (null or OperationCanceledException or JsonException)),
                OnOpened = args =>
                {
                    LogOpened(logger, args.BreakDuration, args.Outcome.Exception?.GetType().Name ?? "failure");
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ollama keeps failing (last: {Error}): LLM verdicts are unknown without a call for {BreakDuration}")]
    private static partial void LogOpened(ILogger logger, TimeSpan breakDuration, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ollama answers again: the LLM judge calls it again")]
    private static partial void LogClosed(ILogger logger);
}
