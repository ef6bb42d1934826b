using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting;

public static class OllamaExtensions
{
    /// <summary>
    /// Ollama: <c>ollama serve</c> when it is installed here, the <c>ollama/ollama</c> image in publish mode.
    /// Without the program the resource fails to start, its log says how to install it, and the rest of the
    /// graph runs on (the LLM tier is optional).
    /// </summary>
    public static IResourceBuilder<IOllamaServerResource> AddOllama(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.UsesContainers())
        {
            return builder.AddResource(new OllamaContainerResource(name))
                .WithImage("docker.io/ollama/ollama", "latest")
                .WithHttpEndpoint(targetPort: 11434, name: OllamaContainerResource.PrimaryEndpointName)
                .WithVolume($"{name}-models", "/root/.ollama")
                .OnResourceReady((ollama, ready, cancellationToken) => PullModelsAsync(ollama, ready.Services, cancellationToken))
                .WithHttpHealthCheck("/api/tags");
        }

        var resource = new OllamaResource(name, AppHostExtensions.FindExecutable("ollama") ?? "ollama", builder.StateDirectoryFor(name));
        return builder.AddResource(resource)
            .WithArgs("serve")
            .WithHttpEndpoint(name: OllamaResource.PrimaryEndpointName, isProxied: false)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["OLLAMA_HOST"] = ReferenceExpression.Create($"127.0.0.1:{resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort)}");
                context.EnvironmentVariables["OLLAMA_MODELS"] = Path.Combine(resource.StateDirectory, "models");
            })
            .OnBeforeStart((ollama, _) =>
            {
                if (AppHostExtensions.FindExecutable(ollama.Command) is null)
                {
                    throw new DistributedApplicationException(
                        "'ollama' is not installed: install it from https://ollama.com/download to turn the LLM tier on; the other tiers run without it");
                }

                return Task.CompletedTask;
            })
            .OnResourceReady((ollama, ready, cancellationToken) => PullModelsAsync(ollama, ready.Services, cancellationToken))
            .WithHttpHealthCheck("/api/tags");
    }

    /// <summary>A model the server serves; the first local run pulls it.</summary>
    public static IResourceBuilder<OllamaModelResource> AddModel(this IResourceBuilder<IOllamaServerResource> server, string name, string modelName)
    {
        server.Resource.Models[name] = modelName;
        var model = server.ApplicationBuilder.AddResource(new OllamaModelResource(name, modelName, server.Resource));
        if (server.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            model.WithInitialState(new() { ResourceType = "OllamaModel", State = KnownResourceStates.Waiting, Properties = [] });
        }

        return model;
    }

    private static async Task PullModelsAsync(IOllamaServerResource ollama, IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(ollama);
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        using var http = new HttpClient { BaseAddress = new Uri(ollama.PrimaryEndpoint.Url), Timeout = Timeout.InfiniteTimeSpan };
        var tags = await http.GetFromJsonAsync<JsonElement>("/api/tags", cancellationToken);
        var installed = tags.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()).ToHashSet();
        foreach (var model in services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<OllamaModelResource>().Where(m => m.Parent == ollama))
        {
            if (!installed.Contains(model.ModelName) && !installed.Contains($"{model.ModelName}:latest"))
            {
                HostingLog.PullingModel(logger, model.ModelName);
                await notifications.PublishUpdateAsync(model, state => state with { State = new("Downloading", KnownResourceStateStyles.Info) });
                using var response = await http.PostAsJsonAsync("/api/pull", new { model = model.ModelName, stream = false }, cancellationToken);
                response.EnsureSuccessStatusCode();
            }

            await notifications.PublishUpdateAsync(model, state => state with { State = KnownResourceStates.Running });
        }
    }
}
