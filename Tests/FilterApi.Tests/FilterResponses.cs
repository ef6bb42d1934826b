using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FilterApi.Tests;

/// <summary>The answer as a client reads it: the JSON body, checked to be HTTP 200 as the contract promises.</summary>
internal static class FilterResponses
{
    public static async Task<JsonElement> PostFilterAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/filter", body);
        return await ReadAsync(response);
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    public static int Code(this JsonElement body) => body.GetProperty("status").GetProperty("code").GetInt32();

    public static string Detail(this JsonElement body) => body.GetProperty("status").GetProperty("detailDescription").GetString()!;

    public static JsonElement[] Detected(this JsonElement body) => [.. body.GetProperty("detected").EnumerateArray()];

    public static string Filtered(this JsonElement body) => body.GetProperty("filtered").GetString()!;
}
