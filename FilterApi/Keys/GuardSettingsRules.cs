using System.Text.Json;
using Moderation.Pii;

namespace FilterApi.Keys;

/// <summary>Checks and stores a key's <see cref="GuardSettings"/>: known values only, kept as compact JSON in <c>api_keys.guard_defaults</c>.</summary>
internal static class GuardSettingsRules
{
    public static readonly string[] Types = ["input", "output", "both"];
    public static readonly string[] Apis = ["identifier", "risk-detector", "both"];
    public static readonly string[] FailureModes = ["open", "closed"];

    /// <returns>The settings with values in their canonical case, or null when <paramref name="settings"/> is empty; errors go to <paramref name="errors"/>.</returns>
    public static GuardSettings? Check(GuardSettings settings, Dictionary<string, string[]> errors)
    {
        if (settings.IsEmpty)
        {
            return null;
        }

        var type = OneOf(settings.Type, Types, "guard.type", errors);
        var api = OneOf(settings.Api, Apis, "guard.api", errors);
        var failureMode = OneOf(settings.FailureMode, FailureModes, "guard.failureMode", errors);
        List<string>? labels = null;
        if (settings.ExcludeLabels is { } excluded)
        {
            labels = [];
            foreach (var label in excluded)
            {
                if (PiiLabels.TryNormalize(label, out var canonical))
                {
                    labels.Add(canonical);
                }
                else
                {
                    errors["guard.excludeLabels"] = [$"'{label}' is not a label; use {string.Join(", ", PiiLabels.All.Order(StringComparer.Ordinal))}"];
                }
            }
        }

        return new GuardSettings(type, api, labels?.Distinct(StringComparer.Ordinal).ToList(), settings.Details, failureMode);
    }

    public static string? Store(GuardSettings? settings) => settings is null ? null : JsonSerializer.Serialize(settings, JsonSerializerOptions.Web);

    public static GuardSettings? Read(string? stored) =>
        string.IsNullOrEmpty(stored) ? null : JsonSerializer.Deserialize<GuardSettings>(stored, JsonSerializerOptions.Web);

    private static string? OneOf(string? value, string[] allowed, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        var canonical = value.Trim().ToLowerInvariant();
        if (allowed.Contains(canonical))
        {
            return canonical;
        }

        errors[field] = [$"{field} must be one of {string.Join(", ", allowed)}"];
        return null;
    }
}
