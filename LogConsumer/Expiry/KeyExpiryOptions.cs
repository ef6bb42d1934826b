using System.ComponentModel.DataAnnotations;

namespace LogConsumer.Expiry;

/// <summary>Section <c>KeyExpiry</c>: when an active key becomes EXPIRED.</summary>
internal sealed class KeyExpiryOptions
{
    public const string Section = "KeyExpiry";

    /// <summary>Keys older than this expire.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Keys not used for this long (never used: since they were issued) expire.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan UnusedFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often the job runs (once per replica set: a Redis lock picks one consumer).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
