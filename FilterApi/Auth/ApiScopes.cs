using System.Collections.Frozen;

namespace FilterApi.Auth;

/// <summary>What a key may call. A request to an endpoint outside the key's scopes is refused with 4030.</summary>
internal static class ApiScopes
{
    public const string Filter = "filter";
    public const string Analyze = "analyze";
    public const string Guard = "guard";
    public const string Documents = "documents";
    public const string Predict = "predict";

    public static readonly FrozenSet<string> All = FrozenSet.Create(StringComparer.Ordinal, Filter, Analyze, Guard, Documents, Predict);

    /// <summary>Reads the stored, comma-separated form.</summary>
    public static FrozenSet<string> Parse(string stored) =>
        stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The stored form: known scopes only, sorted, comma-separated.</summary>
    public static string Format(IEnumerable<string> scopes) => string.Join(',', scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <returns>The scopes that are not known, if any.</returns>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> scopes) => [.. scopes.Where(s => !All.Contains(s))];
}
