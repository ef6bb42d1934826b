using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dashboard.Blazor.Account;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Blazor.AdminApi;

/// <summary>
/// FilterApi's admin API (<c>http://filterapi</c>, found by service discovery), called with the signed-in
/// operator's bearer token. Every call answers an <see cref="ApiResult{T}"/>: pages show failures, never throw them.
/// </summary>
public sealed partial class AdminApiClient(HttpClient http, OperatorSession session, ILogger<AdminApiClient> logger)
{
    /// <summary><c>POST /token</c>: the only call made without a token. A 401 here is a wrong password, not an expired session.</summary>
    public async Task<ApiResult<TokenAnswer>> LoginAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent([new("username", username), new("password", password)]),
        };
        var result = await SendAsync<TokenAnswer>(request, cancellationToken);
        return result.Failure is { Kind: ApiFailureKind.SessionExpired }
            ? ApiResult.Fail<TokenAnswer>(new ApiFailure(ApiFailureKind.Refused, "invalid username or password", new Dictionary<string, string[]>()))
            : result;
    }

    public Task<ApiResult<StatsOverview>> OverviewAsync(DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        GetAsync<StatsOverview>(Uri("api/v1/admin/stats/overview", ("from", Iso(from)), ("to", Iso(to))), cancellationToken);

    public Task<ApiResult<StatsTotals>> TotalsAsync(DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        GetAsync<StatsTotals>(Uri("api/v1/admin/stats/totals", ("from", Iso(from)), ("to", Iso(to))), cancellationToken);

    public Task<ApiResult<StatsTimeseries>> TimeseriesAsync(TimeseriesQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<StatsTimeseries>(
            Uri("api/v1/admin/stats/timeseries",
                ("bucket", query.Bucket), ("from", Iso(query.From)), ("to", Iso(query.To)), ("keyId", query.KeyId), ("endpoint", query.Endpoint)),
            cancellationToken);

    public Task<ApiResult<KeyStats>> KeyStatsAsync(string id, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        GetAsync<KeyStats>(Uri($"api/v1/admin/stats/keys/{Escape(id)}", ("from", Iso(from)), ("to", Iso(to))), cancellationToken);

    public Task<ApiResult<PagedList<KeyView>>> KeysAsync(
        string? search, string? status, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedList<KeyView>>(
            Uri("api/v1/admin/keys", ("search", search), ("status", status), ("page", Number(page)), ("pageSize", Number(pageSize))),
            cancellationToken);

    public Task<ApiResult<IssuedKey>> IssueKeyAsync(KeyRequest key, CancellationToken cancellationToken = default) =>
        SendJsonAsync<IssuedKey>(HttpMethod.Post, "api/v1/admin/keys", key, cancellationToken);

    public Task<ApiResult<KeyView>> UpdateKeyAsync(string id, KeyRequest key, CancellationToken cancellationToken = default) =>
        SendJsonAsync<KeyView>(HttpMethod.Patch, $"api/v1/admin/keys/{Escape(id)}", key, cancellationToken);

    public Task<ApiResult<KeyView>> RevokeKeyAsync(string id, CancellationToken cancellationToken = default) =>
        SendJsonAsync<KeyView>(HttpMethod.Post, $"api/v1/admin/keys/{Escape(id)}/revoke", null, cancellationToken);

    public Task<ApiResult<List<LexiconOverride>>> LexiconAsync(string? lang, CancellationToken cancellationToken = default) =>
        GetAsync<List<LexiconOverride>>(Uri("api/v1/admin/lexicon", ("lang", lang)), cancellationToken);

    public Task<ApiResult<LexiconOverride>> SetLexiconAsync(LexiconRequest entry, CancellationToken cancellationToken = default) =>
        SendJsonAsync<LexiconOverride>(HttpMethod.Post, "api/v1/admin/lexicon", entry, cancellationToken);

    public Task<ApiResult<bool>> DeleteLexiconAsync(string lang, string word, CancellationToken cancellationToken = default) =>
        SendAsync<bool>(new HttpRequestMessage(HttpMethod.Delete, Uri("api/v1/admin/lexicon", ("lang", lang), ("word", word))), cancellationToken);

    public Task<ApiResult<PagedList<AuditEntry>>> AuditAsync(string? action, int page, int pageSize, CancellationToken cancellationToken = default) =>
        GetAsync<PagedList<AuditEntry>>(
            Uri("api/v1/admin/audit", ("action", action), ("page", Number(page)), ("pageSize", Number(pageSize))), cancellationToken);

    public Task<ApiResult<List<DeadLetter>>> DeadLettersAsync(int count, CancellationToken cancellationToken = default) =>
        GetAsync<List<DeadLetter>>(Uri("api/v1/admin/deadletters", ("count", Number(count))), cancellationToken);

    public Task<ApiResult<DeadLetterReplay>> ReplayDeadLettersAsync(int count, CancellationToken cancellationToken = default) =>
        SendJsonAsync<DeadLetterReplay>(HttpMethod.Post, Uri("api/v1/admin/deadletters/replay", ("count", Number(count))), null, cancellationToken);

    public Task<ApiResult<DetectTextAnswer>> PlaygroundTextAsync(DetectTextRequest text, CancellationToken cancellationToken = default) =>
        SendJsonAsync<DetectTextAnswer>(HttpMethod.Post, "api/v1/admin/playground/text", text, cancellationToken);

    public async Task<ApiResult<DetectDocumentAnswer>> PlaygroundDocumentAsync(
        Stream content, string fileName, string? contentType, CancellationToken cancellationToken = default)
    {
        var file = new StreamContent(content);
        if (MediaTypeHeaderValue.TryParse(contentType, out var type))
        {
            file.Headers.ContentType = type;
        }

        using var form = new MultipartFormDataContent { { file, "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/admin/playground/document") { Content = form };
        return await SendAsync<DetectDocumentAnswer>(request, cancellationToken);
    }

    private async Task<ApiResult<T>> GetAsync<T>(string uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await SendAsync<T>(request, cancellationToken);
    }

    private async Task<ApiResult<T>> SendJsonAsync<T>(HttpMethod method, string uri, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : JsonContent.Create(body) };
        return await SendAsync<T>(request, cancellationToken);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.OriginalString != "token")
        {
            if (await session.AccessTokenAsync() is not { } token)
            {
                return ApiResult.Fail<T>(ApiFailure.SessionExpired);
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return ApiResult.Fail<T>(await ProblemReader.ReadAsync(response, cancellationToken));
            }

            if (typeof(T) == typeof(bool))
            {
                return ApiResult.Ok<T>((T)(object)true);
            }

            return await response.Content.ReadFromJsonAsync<T>(cancellationToken) is { } value
                ? ApiResult.Ok<T>(value)
                : ApiResult.Fail<T>(ApiFailure.Unavailable("FilterApi answered an empty body"));
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException or System.Text.Json.JsonException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The method and path only: never a header, a body or a query (a search can name an owner).
            LogUnavailable(logger, request.Method.Method, request.RequestUri?.AbsolutePath ?? "", e.GetType().Name);
            return ApiResult.Fail<T>(ApiFailure.Unavailable(e is HttpRequestException { StatusCode: HttpStatusCode status }
                ? $"{(int)status}" : e.Message));
        }
    }

    private static string Uri(string path, params (string Name, string? Value)[] query) =>
        QueryHelpers.AddQueryString(path, query.Where(q => !string.IsNullOrWhiteSpace(q.Value)).Select(q => KeyValuePair.Create(q.Name, q.Value)));

    private static string? Iso(DateTime? at) => at?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string id) => System.Uri.EscapeDataString(id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FilterApi did not answer {Method} {Path}: {Error}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string error);
}

/// <param name="Bucket"><c>hour</c> or <c>day</c>.</param>
public sealed record TimeseriesQuery(string Bucket, DateTime? From = null, DateTime? To = null, string? KeyId = null, string? Endpoint = null);
