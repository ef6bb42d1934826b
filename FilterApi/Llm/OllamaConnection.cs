using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace FilterApi.Llm;

/// <summary>
/// <c>ConnectionStrings:ollama</c> as the AppHost (and CommunityToolkit's Ollama integration) writes it:
/// <c>Endpoint=http://host:port;Model=NAME</c>.
/// </summary>
internal sealed record OllamaConnection(Uri Endpoint, string Model)
{
    public const string ConnectionName = "ollama";

    /// <summary>
    /// Both parts are required: without a model there is nothing to judge with, and guessing one that the server
    /// may not have would only turn a configuration mistake into a stream of unknown verdicts, so it fails start-up.
    /// </summary>
    public static bool TryParse(string connectionString, [NotNullWhen(true)] out OllamaConnection? connection, [NotNullWhen(false)] out string? error)
    {
        connection = null;
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            error = "is not of the form Endpoint=http://host:port;Model=NAME";
            return false;
        }

        if (!parts.TryGetValue("Endpoint", out var endpointValue) || endpointValue is not string { Length: > 0 } endpoint
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = "needs Endpoint=http://host:port (an absolute http or https address)";
            return false;
        }

        if (!parts.TryGetValue("Model", out var modelValue) || modelValue is not string { Length: > 0 } model || string.IsNullOrWhiteSpace(model))
        {
            error = $"names no Model: write Endpoint={endpoint};Model=NAME (for example qwen2.5:1.5b-instruct)";
            return false;
        }

        // OllamaSharp asks for relative paths (api/chat), which replace the last segment of a base without a slash.
        var withSlash = uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        connection = new OllamaConnection(withSlash, model.Trim());
        error = null;
        return true;
    }
}
