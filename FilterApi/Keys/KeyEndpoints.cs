using System.Security.Claims;
using FilterApi.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FilterApi.Keys;

/// <summary><c>/api/v1/admin/keys</c>: issue, list, show, change and revoke API keys.</summary>
internal static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/keys").WithTags("Admin: keys").RequireAuthorization(AdminEndpoints.Policy);
        group.MapPost("/", IssueAsync).WithName("IssueKey").WithSummary("Issue a key; the answer is the only time the key and its secret are shown");
        group.MapGet("/", ListAsync).WithName("ListKeys").WithSummary("Keys, newest first; search matches name, owner e-mail, id or prefix");
        group.MapGet("/{id}", GetAsync).WithName("GetKey").WithSummary("One key");
        group.MapPatch("/{id}", UpdateAsync).WithName("UpdateKey").WithSummary("Change name, owner, scopes, signing, limit or expiry; every replica applies it at once");
        group.MapPost("/{id}/revoke", RevokeAsync).WithName("RevokeKey").WithSummary("Revoke a key for good; every replica refuses it at once (4030)");
        return group;
    }

    public static async Task<Results<Created<IssuedKey>, ValidationProblem>> IssueAsync(
        IssueKeyRequest request, KeyAdminService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (issued, errors) = await keys.IssueAsync(request, Actor(user), cancellationToken);
        return issued is null
            ? TypedResults.ValidationProblem(errors!)
            : TypedResults.Created($"/api/v1/admin/keys/{issued.Id}", issued);
    }

    public static async Task<Results<Ok<PagedList<KeyView>>, ValidationProblem>> ListAsync(
        KeyAdminService keys, [FromQuery] string? search, [FromQuery] string? status, [FromQuery] int? page, [FromQuery] int? pageSize,
        CancellationToken cancellationToken)
    {
        var (p, size, error) = Paging.Read(page, pageSize);
        return error is not null
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = [error] })
            : TypedResults.Ok(await keys.ListAsync(search, status, p, size, cancellationToken));
    }

    public static async Task<Results<Ok<KeyView>, NotFound>> GetAsync(string id, KeyAdminService keys, CancellationToken cancellationToken) =>
        await keys.GetAsync(id, cancellationToken) is { } key ? TypedResults.Ok(key) : TypedResults.NotFound();

    public static async Task<Results<Ok<KeyView>, NotFound, ValidationProblem>> UpdateAsync(
        string id, UpdateKeyRequest request, KeyAdminService keys, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (key, errors) = await keys.UpdateAsync(id, request, Actor(user), cancellationToken);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return key is null ? TypedResults.NotFound() : TypedResults.Ok(key);
    }

    public static async Task<Results<Ok<KeyView>, NotFound>> RevokeAsync(
        string id, KeyAdminService keys, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(id, Actor(user), cancellationToken) is { } key ? TypedResults.Ok(key) : TypedResults.NotFound();

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
