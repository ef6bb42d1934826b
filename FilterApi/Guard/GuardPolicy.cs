using FilterApi.Http;
using Moderation.Pii;

namespace FilterApi.Guard;

/// <summary>Which side of the conversation is checked (<c>x-guard-type</c>).</summary>
[Flags]
internal enum GuardDirections
{
    Input = 1,
    Output = 2,
    Both = Input | Output,
}

/// <summary>Which checks run (<c>x-guard-api</c>): personal data, the moderation tiers, or both.</summary>
[Flags]
internal enum GuardApis
{
    Identifier = 1,
    RiskDetector = 2,
    Both = Identifier | RiskDetector,
}

/// <summary>What a failed or timed-out check does: forward what it was checking (open) or answer 503 (closed).</summary>
internal enum GuardFailureMode
{
    Open,
    Closed,
}

/// <summary>
/// A key's guard defaults, as operators store them (the admin API's strings); each field a request's header
/// overrides, and an absent or unreadable one takes the gateway's default.
/// </summary>
internal sealed record GuardDefaults(string? Type, string? Api, IReadOnlyList<string>? ExcludeLabels, bool? Details, string? FailureMode)
{
    /// <summary>The defaults an operator stored on a key (<see cref="Auth.ApiKey.Guard"/>); null when it has none.</summary>
    public static GuardDefaults? From(Keys.GuardSettings? settings) =>
        settings is null ? null : new(settings.Type, settings.Api, settings.ExcludeLabels, settings.Details, settings.FailureMode);
}

/// <summary>What the guard does for one request: the request's <c>x-guard-*</c> headers over the key's defaults over the gateway's.</summary>
internal sealed record GuardPolicy(GuardDirections Directions, GuardApis Apis, IReadOnlySet<string>? ExcludedLabels, bool Details, GuardFailureMode FailureMode)
{
    public const string TypeHeader = "x-guard-type";
    public const string ApiHeader = "x-guard-api";
    public const string ExcludeLabelsHeader = "x-guard-exclude-labels";
    public const string DetailsHeader = "x-guard-details";

    public bool ChecksInput => Directions.HasFlag(GuardDirections.Input);

    public bool ChecksOutput => Directions.HasFlag(GuardDirections.Output);

    public bool Identifies => Apis.HasFlag(GuardApis.Identifier);

    public bool DetectsRisk => Apis.HasFlag(GuardApis.RiskDetector);

    /// <summary>Header names are case-insensitive (as HTTP has them), and so are their values; an invalid value is 400 naming the header.</summary>
    public static Outcome<GuardPolicy> Resolve(IHeaderDictionary headers, GuardDefaults? keyDefaults, GuardFailureMode gatewayFailureMode = GuardFailureMode.Open)
    {
        var directions = ReadDirections(keyDefaults?.Type) ?? GuardDirections.Both;
        var apis = ReadApis(keyDefaults?.Api) ?? GuardApis.Both;
        var excluded = ReadLabels(keyDefaults?.ExcludeLabels, out _);
        var details = keyDefaults?.Details ?? true;
        var failureMode = ReadFailureMode(keyDefaults?.FailureMode) ?? gatewayFailureMode;

        if (Header(headers, TypeHeader) is { } type)
        {
            directions = ReadDirections(type) ?? default;
            if (directions == default)
            {
                return Invalid(TypeHeader, type, "input, output or both");
            }
        }

        if (Header(headers, ApiHeader) is { } api)
        {
            apis = ReadApis(api) ?? default;
            if (apis == default)
            {
                return Invalid(ApiHeader, api, "identifier, risk-detector or both");
            }
        }

        if (Header(headers, ExcludeLabelsHeader) is { } labels)
        {
            excluded = ReadLabels(labels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out var unknown);
            if (unknown is not null)
            {
                return Invalid(ExcludeLabelsHeader, unknown, string.Join(", ", PiiLabels.All.Order(StringComparer.Ordinal)));
            }
        }

        if (Header(headers, DetailsHeader) is { } detailsValue)
        {
            if (!bool.TryParse(detailsValue, out details))
            {
                return Invalid(DetailsHeader, detailsValue, "true or false");
            }
        }

        return new GuardPolicy(directions, apis, excluded, details, failureMode);
    }

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString().Trim() : null;

    private static Refusal Invalid(string header, string value, string expected) =>
        Refusal.BadRequest($"{header}: '{(value.Length <= 32 ? value : value[..32] + "…")}' is invalid; use {expected}");

    private static GuardDirections? ReadDirections(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "input" => GuardDirections.Input,
        "output" => GuardDirections.Output,
        "both" => GuardDirections.Both,
        _ => null,
    };

    private static GuardApis? ReadApis(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "identifier" => GuardApis.Identifier,
        "risk-detector" => GuardApis.RiskDetector,
        "both" => GuardApis.Both,
        _ => null,
    };

    private static GuardFailureMode? ReadFailureMode(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "open" or "fail-open" => GuardFailureMode.Open,
        "closed" or "fail-closed" => GuardFailureMode.Closed,
        _ => null,
    };

    /// <returns>The labels, upper-cased; null when none. <paramref name="unknown"/> is the first that is not a label.</returns>
    private static HashSet<string>? ReadLabels(IReadOnlyList<string>? labels, out string? unknown)
    {
        unknown = null;
        if (labels is null || labels.Count == 0)
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var upper = label.Trim().ToUpperInvariant();
            if (!PiiLabels.All.Contains(upper))
            {
                unknown = label;
                return null;
            }

            set.Add(upper);
        }

        return set;
    }
}
