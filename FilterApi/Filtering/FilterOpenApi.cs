using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FilterApi.Filtering;

/// <summary>
/// Documents the filter body by hand: the handler reads it itself (to answer 4000 rather than 400), and
/// <c>Accepts</c> metadata would make routing refuse other content types with a bare 415 instead.
/// </summary>
internal static class FilterOpenApi
{
    public static async Task DescribeRequestBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var schema = await context.GetOrCreateSchemaAsync(typeof(FilterRequest), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "text (required, at most Filter:MaxTextLength characters), mode (QUICK, NORMAL or FILTER), callbackUrl (optional).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = schema },
                ["application/x-www-form-urlencoded"] = new() { Schema = schema },
            },
        };
    }
}
