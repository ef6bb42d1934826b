using FilterApi.Http;
using Moderation.Data;

namespace FilterApi.Auth;

/// <summary>
/// Authenticates a public request in two steps, so endpoints read the body only for a known key:
/// <see cref="IdentifyAsync"/> (the key: 4010, 4030; 4290 for an address sending too many unknown keys) and
/// <see cref="AdmitAsync"/> (signature and rate limit: 4010, 4290).
/// </summary>
internal sealed class ApiKeyAuthenticator(
    IApiKeyStore keys, RequestSignatureVerifier signatures, IRequestRateLimiter limiter, UnknownKeyLimit unknownKeys, TimeProvider time)
{
    /// <summary>Finds the presented key and checks that it is usable for <paramref name="scope"/>.</summary>
    public async ValueTask<Outcome<ApiKey>> IdentifyAsync(HttpRequest request, string scope, CancellationToken cancellationToken)
    {
        var presented = ApiKeyReader.Read(request);
        if (presented is null)
        {
            return Refusal.Unauthorized("missing API key: send x-api-key or Authorization: Bearer");
        }

        // An address out of unknown-key permits still gets through with a cached key, and costs nothing otherwise.
        var clientAddress = ClientAddress.Of(request.HttpContext);
        var refused = unknownKeys.IsRefused(clientAddress, out var retryAfter);
        var key = refused ? await keys.FindCachedAsync(presented, cancellationToken) : await keys.FindAsync(presented, cancellationToken);
        if (key is null)
        {
            if (refused)
            {
                return Refusal.TooManyRequests(retryAfter);
            }

            return await unknownKeys.ChargeAsync(clientAddress, cancellationToken) is { } wait
                ? Refusal.TooManyRequests(wait)
                : Refusal.Unauthorized("unknown API key");
        }

        if (key.Status == ApiKeyStatus.Revoked)
        {
            return Refusal.Forbidden("API key was revoked");
        }

        if (key.Status == ApiKeyStatus.Expired || key.ExpiresAt <= time.GetUtcNow().UtcDateTime)
        {
            return Refusal.Forbidden("API key has expired");
        }

        return key.Scopes.Contains(scope) ? key : Refusal.Forbidden($"API key lacks the '{scope}' scope");
    }

    /// <summary>Verifies the request signature when the key requires one, then takes a permit from the key's limit.</summary>
    public async ValueTask<Refusal?> AdmitAsync(HttpRequest request, ApiKey key, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        // Signature before the limit: a client without the secret cannot spend the key's quota.
        if (key.RequireSignature && await signatures.VerifyAsync(request, key, body) is { } signatureFailure)
        {
            return signatureFailure;
        }

        if (await limiter.TryAcquireAsync($"key:{key.Id}", key.RequestsPerMinute, cancellationToken) is { } retryAfter)
        {
            return Refusal.TooManyRequests(retryAfter);
        }

        keys.RecordUse(key);
        return null;
    }
}
