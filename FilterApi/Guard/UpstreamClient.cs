using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FilterApi.Guard;

/// <summary>Calls the upstream with its own key (never the client's gateway key), through a client without the shared resilience handler.</summary>
internal sealed class UpstreamClient(IHttpClientFactory factory, GuardUpstream? upstream)
{
    public const string HttpClientName = "guard-upstream";

    public bool IsConfigured => upstream is not null;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, bool streamed, CancellationToken cancellationToken)
    {
        var configured = upstream ?? throw new InvalidOperationException("no upstream is configured");
        using var request = new HttpRequestMessage(method, new Uri(configured.BaseAddress, path));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (configured.Key is { } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(streamed ? "text/event-stream" : "application/json"));
        return await factory.CreateClient(HttpClientName)
            .SendAsync(request, streamed ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>
    /// An upstream error as the client gets it: its status and OpenAI error body, passed through; another body is
    /// wrapped in one. A 401 or 403 is the gateway's upstream key being refused, not the client's: it becomes 502,
    /// so a client's 401 always means its own key.
    /// </summary>
    public static async Task<IResult> PassThroughErrorAsync(HttpResponseMessage response, JsonObject? details, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (status is 401 or 403)
        {
            return GuardErrors.Of(502, $"the upstream LLM refused the gateway's upstream key (HTTP {status})", "api_error", "upstream_unauthorized", details);
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject { } error && error["error"] is JsonObject)
            {
                if (details is not null)
                {
                    error[GuardReport.PropertyName] = details;
                }

                return Results.Json(error, statusCode: status);
            }
        }
        catch (JsonException)
        {
        }

        var snippet = text.Length <= 300 ? text : text[..300] + "…";
        return GuardErrors.Of(status, $"the upstream LLM answered HTTP {status}: {snippet}", status >= 500 ? "api_error" : "invalid_request_error", "upstream_error", details);
    }
}
