using FilterApi.Auth;
using Microsoft.Extensions.Options;

namespace FilterApi.Admin;

/// <summary>
/// The limits a login attempt passes before any password is hashed: per client address, for everyone together,
/// then per account. The account's bucket is the user name as typed, which is the only spelling that finds its row
/// (user names are ASCII and <c>admin_users.username</c> compares byte for byte).
/// </summary>
internal sealed class LoginLimits(IRequestRateLimiter limiter, IOptions<AdminOptions> options)
{
    /// <returns>Null when the attempt may go ahead, otherwise how long to wait.</returns>
    public async ValueTask<TimeSpan?> TryAdmitAsync(string username, string clientAddress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        return await limiter.TryAcquireAsync($"login-address:{clientAddress}", settings.LoginAttemptsPerMinutePerAddress, cancellationToken)
            ?? await limiter.TryAcquireAsync("login-total", settings.LoginAttemptsPerMinuteTotal, cancellationToken)
            ?? await limiter.TryAcquireAsync($"login:{username}", settings.LoginAttemptsPerMinute, cancellationToken);
    }
}
