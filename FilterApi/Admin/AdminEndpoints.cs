using FilterApi.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moderation.Data;

namespace FilterApi.Admin;

/// <summary><c>POST /token</c> (operator login) and <c>GET /api/v1/admin/audit</c>.</summary>
internal static class AdminEndpoints
{
    public const string Policy = "admin";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/token", IssueTokenAsync)
            .WithTags("Admin")
            .WithName("IssueAdminToken")
            .WithSummary("Log in as an operator: form username and password give a short-lived bearer token for /api/v1/admin")
            .AddOpenApiOperationTransformer(AdminOpenApi.DescribeTokenRequestAsync)
            .DisableAntiforgery();

        app.MapGroup("/api/v1/admin/audit").WithTags("Admin").RequireAuthorization(Policy)
            .MapGet("/", ListAuditAsync)
            .WithName("ListAuditLog")
            .WithSummary("Admin actions, newest first; filter by action (e.g. key.revoked)");
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        HttpRequest request,
        AdminAccounts accounts,
        AdminTokens tokens,
        LoginLimits limits,
        IOptions<AdminOptions> options,
        CancellationToken cancellationToken)
    {
        if (!(await LoginRequest.ReadAsync(request, options.Value.MaxLoginRequestBytes, cancellationToken)).TryGetValue(out var login, out var refusal))
        {
            return TypedResults.Problem(refusal.Detail, statusCode: 400, title: "invalid_request");
        }

        // Per address, in total and per account, across replicas, so guessing a password is slow wherever the guesses land.
        var clientAddress = ClientAddress.Of(request.HttpContext);
        if (await limits.TryAdmitAsync(login.Username, clientAddress, cancellationToken) is { } wait)
        {
            request.HttpContext.Response.Headers.RetryAfter = Filtering.FilterStatusCodes.RetryAfterSeconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem("too many login attempts; retry later", statusCode: 429, title: "too_many_attempts");
        }

        if (tokens.SigningKey is null)
        {
            return TypedResults.Problem("the database is still initialising; retry shortly", statusCode: 503, title: "unavailable");
        }

        if (!await accounts.VerifyAsync(login.Username, login.Password, clientAddress, cancellationToken))
        {
            return TypedResults.Problem("invalid username or password", statusCode: 401, title: "invalid_grant");
        }

        var (token, expiresIn) = tokens.Issue(login.Username);
        return TypedResults.Ok(new TokenResponse(token, "bearer", expiresIn));
    }

    public static async Task<Results<Ok<PagedList<AuditEntryView>>, ValidationProblem>> ListAuditAsync(
        FilterDbContext db, [FromQuery] string? action, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size, error) = Paging.Read(page, pageSize);
        if (error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["page"] = [error] });
        }

        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action))
        {
            query = query.Where(a => a.Action == action);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(a => a.Id).Skip((p - 1) * size).Take(size)
            .Select(a => new AuditEntryView(a.Id, a.At, a.Actor, a.Action, a.Target, a.Detail))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PagedList<AuditEntryView>(items, p, size, total));
    }
}
