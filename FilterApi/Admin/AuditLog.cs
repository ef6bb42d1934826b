using System.Text.Json;
using Moderation.Data;

namespace FilterApi.Admin;

/// <summary>Records admin actions in the same transaction as the change they describe.</summary>
internal static class AuditLog
{
    public static void Record(FilterDbContext db, TimeProvider time, string actor, string action, string target, object? detail = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            Actor = actor,
            Action = action,
            Target = target,
            Detail = detail is null ? null : JsonSerializer.Serialize(detail, JsonSerializerOptions.Web),
        });
}
