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
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one delivery attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
