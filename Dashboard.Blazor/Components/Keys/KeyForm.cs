using Dashboard.Blazor.AdminApi;

namespace Dashboard.Blazor.Components.Keys;

/// <summary>What the key dialog edits; FilterApi validates it and answers per field.</summary>
public sealed class KeyForm
{
    public static readonly IReadOnlyList<string> AllScopes = ["filter", "analyze", "guard", "documents", "predict"];

    public string Name { get; set; } = "";

    public string OwnerEmail { get; set; } = "";

    public IReadOnlyCollection<string> Scopes { get; set; } = [.. AllScopes];

    public bool RequireSignature { get; set; }

    public int RateLimitPerMinute { get; set; } = 600;

    public DateTime? ExpiresAt { get; set; }

    public static KeyForm From(KeyView key) => new()
    {
        Name = key.Name,
        OwnerEmail = key.OwnerEmail,
        Scopes = [.. key.Scopes],
        RequireSignature = key.RequireSignature,
        RateLimitPerMinute = key.RateLimitPerMinute,
        ExpiresAt = key.ExpiresAt?.ToLocalTime().Date,
    };

    /// <summary>The key expires at the end of the chosen day (local time).</summary>
    public KeyRequest ToRequest() =>
        new(Name.Trim(), OwnerEmail.Trim(), [.. Scopes], RequireSignature, RateLimitPerMinute,
            ExpiresAt is { } day ? day.Date.AddDays(1).AddTicks(-1).ToUniversalTime() : null);
}
