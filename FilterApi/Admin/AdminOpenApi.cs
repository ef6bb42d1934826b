using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FilterApi.Admin;

/// <summary>Documents operator login (a form the handler reads itself) and the bearer token the admin routes need.</summary>
internal static class AdminOpenApi
{
    private const string SchemeName = "AdminBearer";

    public static Task DescribeTokenRequestAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "username", "password" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["username"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["password"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "password" },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/x-www-form-urlencoded"] = new() { Schema = form } },
        };
        return Task.CompletedTask;
    }

    /// <summary>Declares the bearer scheme and marks every <c>/api/v1/admin</c> operation with it.</summary>
    public static Task AddBearerSchemeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An operator token from POST /token.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/api/v1/admin", StringComparison.Ordinal) || item.Operations is null)
            {
                continue;
            }

            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
            }
        }

        return Task.CompletedTask;
    }
}
