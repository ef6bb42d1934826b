using System.Security.Claims;
using FilterApi.Admin;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FilterApi.Lexicons;

/// <summary><c>/api/v1/admin/lexicon</c>: operators' additions to and removals from the built-in lexicons.</summary>
internal static class LexiconEndpoints
{
    public static RouteGroupBuilder MapLexiconEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/admin/lexicon").WithTags("Admin: lexicon").RequireAuthorization(AdminEndpoints.Policy);
        group.MapGet("/", ListAsync).WithName("ListLexiconOverrides").WithSummary("The overrides, optionally of one language");
        group.MapPost("/", SetAsync).WithName("SetLexiconOverride")
            .WithSummary("Add a word (or remove a built-in one); every replica detects accordingly within a second");
        group.MapDelete("/", DeleteAsync).WithName("DeleteLexiconOverride")
            .WithSummary("Delete the override of ?lang=&word=, restoring the built-in lexicon for that word");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<LexiconOverrideView>>> ListAsync(
        LexiconAdminService lexicon, [FromQuery] string? lang, CancellationToken cancellationToken) =>
        TypedResults.Ok(await lexicon.ListAsync(lang, cancellationToken));

    public static async Task<Results<Created<LexiconOverrideView>, Ok<LexiconOverrideView>, ValidationProblem>> SetAsync(
        LexiconOverrideRequest request, LexiconAdminService lexicon, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (entry, created, errors) = await lexicon.SetAsync(request, user.Identity?.Name ?? "unknown", cancellationToken);
        if (entry is null)
        {
            return TypedResults.ValidationProblem(errors!);
        }

        return created ? TypedResults.Created($"/api/v1/admin/lexicon?lang={entry.Lang}&word={Uri.EscapeDataString(entry.Word)}", entry) : TypedResults.Ok(entry);
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteAsync(
        LexiconAdminService lexicon, [FromQuery] string? lang, [FromQuery] string? word, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (deleted, errors) = await lexicon.DeleteAsync(lang, word, user.Identity?.Name ?? "unknown", cancellationToken);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return deleted ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
