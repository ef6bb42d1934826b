using Microsoft.EntityFrameworkCore;

namespace Moderation.Data;

/// <summary>How every service connects to filterdb and brings its schema up to date.</summary>
public static class FilterDb
{
    /// <summary>
    /// The server dialect the SQL is generated for. Fixed rather than detected so a service starts (and reports
    /// the database unhealthy) while the server is down; MariaDB 10.11 and MySQL 8 both accept what it generates.
    /// </summary>
    public const string DefaultServerVersion = "10.11.0-mariadb";

    private const string MigrationLock = "filterdb.migrations";

    public static DbContextOptionsBuilder UseFilterDb(this DbContextOptionsBuilder builder, string connectionString, string serverVersion) =>
        builder.UseMySql(connectionString, ServerVersion.Parse(serverVersion), mysql => mysql.EnableRetryOnFailure(3));

    /// <summary>
    /// Applies pending migrations under a server-wide named lock, so replicas that start together migrate once
    /// and the others wait, then find nothing to do.
    /// </summary>
    public static Task MigrateWithLockAsync(this FilterDbContext db, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        // Inside the execution strategy, so a dropped connection retries the whole lock-migrate-release sequence.
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            using var activity = Tracing.StartActivity("filterdb migrate");
            await MigrateOnceAsync(db, lockTimeout, cancellationToken);
        });
    }

    private static readonly System.Diagnostics.ActivitySource Tracing = new("Moderation.Data");

    private static async Task MigrateOnceAsync(FilterDbContext db, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using (var acquire = connection.CreateCommand())
            {
                acquire.CommandText = "SELECT GET_LOCK(@name, @timeout)";
                AddParameter(acquire, "@name", MigrationLock);
                AddParameter(acquire, "@timeout", (int)lockTimeout.TotalSeconds);
                if (Convert.ToInt64(await acquire.ExecuteScalarAsync(cancellationToken) ?? 0L, System.Globalization.CultureInfo.InvariantCulture) != 1)
                {
                    throw new TimeoutException($"another replica held the migration lock for more than {lockTimeout.TotalSeconds:0} s");
                }
            }

            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await using var release = connection.CreateCommand();
                release.CommandText = "SELECT RELEASE_LOCK(@name)";
                AddParameter(release, "@name", MigrationLock);
                await release.ExecuteScalarAsync(CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
