using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Moderation.Data;

/// <summary>
/// filterdb: API keys, admin users, lexicon overrides, the audit log, the service's own secrets and the statistics
/// LogConsumer writes. FilterApi owns the schema and migrates it at start-up. After changing the model:
/// <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project Libraries/Moderation.Data -o Migrations</c>.
/// </summary>
public sealed class FilterDbContext(DbContextOptions<FilterDbContext> options) : DbContext(options)
{
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<AdminUser> AdminUsers => Set<AdminUser>();

    public DbSet<LexiconOverride> LexiconOverrides => Set<LexiconOverride>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<ServiceSecret> ServiceSecrets => Set<ServiceSecret>();

    public DbSet<RequestStats> RequestStats => Set<RequestStats>();

    public DbSet<WordStats> WordStats => Set<WordStats>();

    public DbSet<LanguageStats> LanguageStats => Set<LanguageStats>();

    public DbSet<KeyAbuseStats> KeyAbuseStats => Set<KeyAbuseStats>();

    public DbSet<FindingStats> FindingStats => Set<FindingStats>();

    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; MySQL's datetime forgets the kind, so give it back on reading.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ApiKeyRecord>(key =>
        {
            key.ToTable("api_keys");
            key.HasKey(k => k.Id);
            key.Property(k => k.Id).HasMaxLength(32);
            key.Property(k => k.Prefix).HasMaxLength(16);
            key.Property(k => k.KeyHash).HasColumnType("binary(32)");
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.Property(k => k.ProtectedSigningSecret).HasColumnType("text");
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.OwnerEmail).HasMaxLength(254);
            key.Property(k => k.Scopes).HasMaxLength(200);
            key.Property(k => k.GuardDefaults).HasMaxLength(2048);
            key.Property(k => k.Status).HasConversion(UpperCaseName<ApiKeyStatus>()).HasMaxLength(16);
            key.HasIndex(k => k.Status);
            key.HasIndex(k => k.CreatedAt);
        });

        modelBuilder.Entity<AdminUser>(user =>
        {
            user.ToTable("admin_users");
            // Binary collation: under the default accent- and case-insensitive one, "ádmin" and "ADMIN" found the row
            // of "admin", so each spelling was a login-limit bucket of its own against the same password.
            user.Property(u => u.Username).HasMaxLength(64).UseCollation("utf8mb4_bin");
            user.HasIndex(u => u.Username).IsUnique();
            user.Property(u => u.PasswordHash).HasMaxLength(256);
        });

        modelBuilder.Entity<LexiconOverride>(entry =>
        {
            entry.ToTable("lexicon_overrides");
            entry.Property(o => o.Lang).HasMaxLength(8);
            // Binary collation: "ｆｕｃｋ" and "fuck" are different words to the operator (the engine folds them itself).
            entry.Property(o => o.Word).HasMaxLength(100).UseCollation("utf8mb4_bin");
            entry.HasIndex(o => new { o.Lang, o.Word }).IsUnique();
            entry.Property(o => o.Action).HasConversion(UpperCaseName<LexiconOverrideAction>()).HasMaxLength(8);
            entry.Property(o => o.Category).HasMaxLength(32);
            entry.Property(o => o.UpdatedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_log");
            entry.Property(a => a.Actor).HasMaxLength(64);
            entry.Property(a => a.Action).HasMaxLength(64);
            entry.Property(a => a.Target).HasMaxLength(128);
            entry.Property(a => a.Detail).HasColumnType("text");
            entry.HasIndex(a => a.At);
        });

        modelBuilder.Entity<ServiceSecret>(secret =>
        {
            secret.ToTable("service_secrets");
            secret.HasKey(s => s.Name);
            secret.Property(s => s.Name).HasMaxLength(64);
            secret.Property(s => s.ProtectedValue).HasColumnType("text");
        });

        modelBuilder.Entity<RequestStats>(stats =>
        {
            stats.ToTable("stats_requests_hourly");
            stats.HasKey(r => new { r.KeyId, r.Hour, r.Endpoint, r.Mode });
            stats.Property(r => r.KeyId).HasMaxLength(32);
            stats.Property(r => r.Endpoint).HasMaxLength(32);
            stats.Property(r => r.Mode).HasMaxLength(16);
            stats.HasIndex(r => r.Hour);
        });

        modelBuilder.Entity<WordStats>(stats =>
        {
            stats.ToTable("stats_words_daily");
            stats.HasKey(w => new { w.Day, w.Lang, w.Word, w.Category });
            stats.Property(w => w.Day).HasColumnType("date");
            stats.Property(w => w.Lang).HasMaxLength(8);
            stats.Property(w => w.Word).HasMaxLength(100).UseCollation("utf8mb4_bin");
            stats.Property(w => w.Category).HasMaxLength(32);
        });

        modelBuilder.Entity<LanguageStats>(stats =>
        {
            stats.ToTable("stats_languages_daily");
            stats.HasKey(l => new { l.Day, l.Lang });
            stats.Property(l => l.Day).HasColumnType("date");
            stats.Property(l => l.Lang).HasMaxLength(8);
        });

        modelBuilder.Entity<FindingStats>(stats =>
        {
            stats.ToTable("stats_findings_daily");
            stats.HasKey(f => new { f.Day, f.KeyId, f.Kind, f.Name });
            stats.Property(f => f.Day).HasColumnType("date");
            stats.Property(f => f.KeyId).HasMaxLength(32);
            stats.Property(f => f.Kind).HasMaxLength(16);
            stats.Property(f => f.Name).HasMaxLength(48);
        });

        modelBuilder.Entity<KeyAbuseStats>(stats =>
        {
            stats.ToTable("stats_abuse_by_key");
            stats.HasKey(a => a.KeyId);
            stats.Property(a => a.KeyId).HasMaxLength(32);
        });

        modelBuilder.Entity<ProcessedEvent>(processed =>
        {
            processed.ToTable("processed_events");
            processed.HasKey(p => p.EventId);
            processed.Property(p => p.EventId).HasColumnType("binary(16)");
            processed.HasIndex(p => p.ProcessedAt);
        });

        // Columns in snake_case, as the tables are, so hand-written SQL and the console read naturally.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
        {
            property.SetColumnName(SnakeCase(property.Name));
        }
    }

    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<T, string> UpperCaseName<T>()
        where T : struct, Enum =>
        new(v => v.ToString().ToUpperInvariant(), v => Enum.Parse<T>(v, true));

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
