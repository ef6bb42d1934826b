using Microsoft.Extensions.Diagnostics.HealthChecks;
using OllamaSharp;
using Polly.CircuitBreaker;

namespace FilterApi.Llm;

/// <summary>
/// Asks Ollama which models it has. Like the model servers, a server that is down, or lacks the model, makes
/// FilterApi Degraded, not Unhealthy: the other tiers still answer, with the LLM named in <c>degraded</c>. Without
/// <c>ConnectionStrings:ollama</c> the LLM tier is off, which is reported but not a fault.
/// </summary>
internal sealed class OllamaHealthCheck(LlmJudge judge, IServiceProvider services) : IHealthCheck
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (judge.ModelName is not { } model)
        {
            return HealthCheckResult.Healthy("not configured: the LLM tier is off (its verdicts are unknown, not_configured)");
        }

        var data = new Dictionary<string, object> { ["model"] = model };
        var circuit = services.GetRequiredKeyedService<JudgeModel>(OllamaConnection.ConnectionName).CircuitState.CircuitState;
        data["circuit"] = circuit.ToString();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            var client = services.GetRequiredKeyedService<IOllamaApiClient>(OllamaConnection.ConnectionName);
            var models = await client.ListLocalModelsAsync(timeout.Token);
            if (!models.Any(m => m.Name == model || m.Name == $"{model}:latest"))
            {
                return HealthCheckResult.Degraded($"Ollama answers but has no model {model} (not pulled yet?); LLM verdicts are unknown", data: data);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            data["error"] = e.Message;
            return HealthCheckResult.Degraded("Ollama is not answering; LLM verdicts are unknown", data: data);
        }

        return circuit == CircuitState.Closed
            ? HealthCheckResult.Healthy($"Ollama serves {model}", data)
            : HealthCheckResult.Degraded($"Ollama serves {model}, but the judge's circuit is {circuit} after repeated failures", data: data);
    }
}
