using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using FilterApi.Llm;

namespace FilterApi.Guard;

/// <summary>
/// The OpenAI-compatible server behind the guard: <c>ConnectionStrings:llm</c> (<c>Endpoint=http://host:port/v1;Key=sk-…</c>,
/// the key optional), else the <c>/v1</c> endpoint of <c>ConnectionStrings:ollama</c>'s Ollama, which speaks the OpenAI protocol there.
/// </summary>
/// <param name="BaseAddress">Ends with a slash, so <c>chat/completions</c> and <c>models</c> resolve under it.</param>
/// <param name="Key">Sent upstream as <c>Authorization: Bearer</c>; never the client's gateway key.</param>
internal sealed record GuardUpstream(Uri BaseAddress, string? Key)
{
    public const string ConnectionName = "llm";

    /// <returns>False with why when a connection string is set but malformed (start-up stops); true with null when none is set.</returns>
    public static bool TryResolve(IConfiguration configuration, out GuardUpstream? upstream, [NotNullWhen(false)] out string? error)
    {
        upstream = null;
        error = null;
        var llm = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(llm))
        {
            return TryParse(llm, out upstream, out error);
        }

        var ollama = configuration.GetConnectionString(OllamaConnection.ConnectionName);
        if (string.IsNullOrWhiteSpace(ollama))
        {
            return true;
        }

        if (!OllamaConnection.TryParse(ollama, out var connection, out var ollamaError))
        {
            error = $"ConnectionStrings:{OllamaConnection.ConnectionName} {ollamaError}";
            return false;
        }

        upstream = new GuardUpstream(new Uri(connection.Endpoint, "v1/"), null);
        return true;
    }

    public static bool TryParse(string connectionString, [NotNullWhen(true)] out GuardUpstream? upstream, [NotNullWhen(false)] out string? error)
    {
        upstream = null;
        var parts = new DbConnectionStringBuilder();
        try
        {
            parts.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            error = $"ConnectionStrings:{ConnectionName} is not of the form Endpoint=http://host:port/v1;Key=KEY";
            return false;
        }

        if (!parts.TryGetValue("Endpoint", out var endpointValue) || endpointValue is not string { Length: > 0 } endpoint
            || !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"ConnectionStrings:{ConnectionName} needs Endpoint=http://host:port/v1 (the absolute base address of an OpenAI-compatible API)";
            return false;
        }

        var key = parts.TryGetValue("Key", out var keyValue) && keyValue is string { Length: > 0 } k && !string.IsNullOrWhiteSpace(k) ? k.Trim() : null;
        upstream = new GuardUpstream(uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"), key);
        error = null;
        return true;
    }
}
