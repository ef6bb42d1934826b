using System.Text.Json;

namespace FilterApi.Http;

/// <summary>
/// Binds a JSON body to an endpoint's request record, answering a malformed one with 4000 and the reason (the
/// framework's own binding failures are bare HTTP 400s without it).
/// </summary>
internal static class JsonBodies
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    public static ValueTask<Outcome<T>> ParseAsync<T>(RequestBody body, HttpRequest http, int maxBodyBytes)
        where T : class => ValueTask.FromResult(Parse<T>(body.Memory.Span));

    public static Outcome<T> Parse<T>(ReadOnlySpan<byte> json)
        where T : class
    {
        if (json.IsEmpty)
        {
            return Refusal.BadRequest("request body is empty");
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) is { } request
                ? request
                : Refusal.BadRequest("malformed JSON body: expected an object");
        }
        catch (JsonException e)
        {
            // The path and position, never the offending value: it may be the personal data being checked.
            return Refusal.BadRequest($"malformed JSON body at {e.Path ?? "$"}: expected {Expected(e)}");
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate ("\ud800"): not text the tiers can judge.
            return Refusal.BadRequest("malformed JSON body: a string is not valid Unicode text");
        }
    }

    private static string Expected(JsonException e) => e.Message.Contains("could not be converted", StringComparison.Ordinal)
        ? "a value of the documented type"
        : "well-formed JSON";
}
