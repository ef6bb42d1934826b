using System.ComponentModel.DataAnnotations;

namespace FilterApi.Admin;

/// <summary>Section <c>Admin</c>: the first operator (its password from the AppHost parameter <c>admin-password</c>) and admin tokens.</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";

    [Required, RegularExpression(LoginRequest.UsernamePattern)]
    public string Username { get; set; } = "admin";

    /// <summary>Required whenever the database is configured; stored only as a hash.</summary>
    [Required(ErrorMessage = "Admin:Password is required when ConnectionStrings:filterdb is set (the AppHost passes its admin-password parameter)"),
     MinLength(8)]
    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login attempts per account per minute, across replicas.</summary>
    [Range(1, 1000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>Login attempts per client address (an IPv6 /64) per minute, whatever the user names, across replicas.</summary>
    [Range(1, 100_000)]
    public int LoginAttemptsPerMinutePerAddress { get; set; } = 30;

    /// <summary>Login attempts per minute from everyone together, across replicas: bounds the password hashing CPU.</summary>
    [Range(1, 1_000_000)]
    public int LoginAttemptsPerMinuteTotal { get; set; } = 300;

    /// <summary>Largest <c>POST /token</c> body; a login form is a few dozen bytes.</summary>
    [Range(256, 65_536)]
    public int MaxLoginRequestBytes { get; set; } = 4096;
}
