using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Moderation.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: no server is contacted to generate a migration.</summary>
internal sealed class FilterDbContextFactory : IDesignTimeDbContextFactory<FilterDbContext>
{
    public FilterDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<FilterDbContext>();
        options.UseFilterDb("Server=localhost;Database=filterdb", FilterDb.DefaultServerVersion);
        return new FilterDbContext(options.Options);
    }
}
