using System.ComponentModel.DataAnnotations;

namespace FilterApi.Callbacks;

/// <summary>Delivery of results to <c>callbackUrl</c> (section <c>Filter:Callbacks</c>).</summary>
internal sealed class CallbackOptions
{
    public const string Section = "Filter:Callbacks";

    /// <summary>Where accepted jobs wait until delivered, so a restart loses none. Relative to the content root.</summary>
    [Required]
    public string SpoolDirectory { get; set; } = ".state/callbacks";

    /// <summary>Allow loopback, private and link-local destinations (tests, trusted internal networks).</summary>
    public bool AllowPrivateNetworks { get; set; }

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the second attempt; doubles after each failure.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between two attempts, however many have failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time allowed for one delivery attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most jobs pending at once (queued, being delivered or waiting to retry); more are refused with 4290.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Deliveries in flight at once, so slow receivers do not hold up the others.</summary>
    [Range(1, 256)]
    public int MaxConcurrentDeliveries { get; set; } = 8;

    /// <summary>Most jobs one key may have pending, so one client's dead receiver cannot take every place.</summary>
    [Range(1, 1_000_000)]
    public int MaxPendingPerKey { get; set; } = 100;

    /// <summary>Most bytes of pending jobs in the spool; past it new callbacks are refused with 4290.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxSpoolBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A job still undelivered this long after it was accepted is given up; given-up jobs are deleted after as long again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// This replica's folder inside <see cref="SpoolDirectory"/>, so replicas sharing a disk never deliver each
    /// other's jobs twice. Default: the service name and the host name (stable per replica under the AppHost and in a
    /// StatefulSet).
    /// </summary>
    public string? ReplicaName { get; set; }

    /// <summary>Largest response headers read from a receiver, in KiB; its body is never read.</summary>
    [Range(1, 64)]
    public int MaxResponseHeadersKiB { get; set; } = 8;
}
