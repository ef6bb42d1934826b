using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Moderation.Data;

namespace FilterApi.Tests;

/// <summary>The EF Core model and its migrations, read without a server.</summary>
public class SchemaTests
{
    [Fact]
    public void AdminUserNamesCompareByteForByteSoEachAccountHasOneSpelling()
    {
        using var db = NewContext();
        var username = db.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(AdminUser))!.FindProperty(nameof(AdminUser.Username))!;

        // Under MariaDB's default utf8mb4 collation "ádmin" and "ADMIN" find the row of "admin".
        Assert.Equal("utf8mb4_bin", username.GetCollation());
    }

    [Fact]
    public void TheMigrationsDescribeTheModel()
    {
        using var db = NewContext();
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run dotnet ef migrations add");
    }

    private static FilterDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<FilterDbContext>();
        options.UseFilterDb("Server=localhost;Database=filterdb", FilterDb.DefaultServerVersion);
        return new FilterDbContext(options.Options);
    }
}
