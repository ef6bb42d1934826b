using System.Text.Json;

namespace Integration.Tests;

/// <summary>Stream payloads written by hand, as FilterApi writes them (the contract in Moderation.Events).</summary>
internal static class HandMadeEvents
{
    /// <summary>A <c>filter-log</c> payload for one clean request.</summary>
    public static string Request(string keyId, Guid? eventId = null) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["type"] = "request",
        ["eventId"] = eventId ?? Guid.CreateVersion7(),
        ["at"] = DateTime.UtcNow,
        ["trackingId"] = Guid.NewGuid(),
        ["keyId"] = keyId,
        ["endpoint"] = "filter",
        ["mode"] = "NORMAL",
        ["lang"] = "none",
        ["abusive"] = false,
        ["detections"] = 0,
        ["latencyMs"] = 1.5,
    });
}
