using Microsoft.Extensions.AI;
using Polly;
using Polly.CircuitBreaker;

namespace FilterApi.Llm;

/// <summary>The configured model and how it is reached: the chat client and the circuit breaker in front of it.</summary>
internal sealed record JudgeModel(IChatClient Client, string Name, ResiliencePipeline Circuit, CircuitBreakerStateProvider CircuitState);
