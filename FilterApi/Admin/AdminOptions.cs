using System.ComponentModel.DataAnnotations;

namespace FilterApi.Admin;

/// <summary>Section <c>Admin</c>: the first operator (its password from the AppHost parameter <c>admin-password</c>) and admin tokens.</summary>
internal sealed class AdminOptions
{
    public const string Section = "Admin";

    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")]
    public string Username { get; set; } = "admin";

    /// <summary>Required whenever the database is configured; stored only as a hash.</summary>
    [Required(ErrorMessage = "Admin:Password is required when ConnectionStrings:filterdb is set (the AppHost passes its admin-password parameter)"),
     MinLength(8)]
    public string? Password { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "12:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login attempts per user name per minute, across replicas.</summary>
    [Range(1, 1000)]
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
