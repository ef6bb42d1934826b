using System.ComponentModel.DataAnnotations;

namespace FilterApi.Auth;

/// <summary>
/// The embedded defaults used when no database is configured (section <c>Auth</c>): API keys from configuration,
/// each limited to <see cref="DefaultRequestsPerMinute"/> requests per minute in this process.
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Accepted API keys. Empty means every request is refused with 4010.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Requests per minute per key; 0 means unlimited.</summary>
    [Range(0, 1_000_000)]
    public int DefaultRequestsPerMinute { get; set; } = 600;
}
