using System.ComponentModel.DataAnnotations;

namespace FilterApi.Auth;

/// <summary>
/// Section <c>Auth</c>: the embedded defaults used when no database is configured (API keys from configuration,
/// each limited to <see cref="DefaultRequestsPerMinute"/> requests per minute in this process), and the limit on
/// unknown keys, which applies always.
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Accepted API keys. Empty means every request is refused with 4010.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Requests per minute per key; 0 means unlimited.</summary>
    [Range(0, 1_000_000)]
    public int DefaultRequestsPerMinute { get; set; } = 600;

    /// <summary>
    /// Unknown keys answered per client address (an IPv6 /64) per minute, with or without a database; past it the
    /// address gets 4290 for keys that are not cached, without any lookup.
    /// </summary>
    [Range(1, 1_000_000)]
    public int UnknownKeysPerMinutePerAddress { get; set; } = 60;
}
