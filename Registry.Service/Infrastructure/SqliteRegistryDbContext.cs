using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Registry.Service.Infrastructure;

/// <summary>The SQLite flavour of <see cref="RegistryDbContext"/> (embedded default); migrations in Migrations/Sqlite.</summary>
public sealed class SqliteRegistryDbContext(DbContextOptions<SqliteRegistryDbContext> options) : RegistryDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a database.</summary>
public sealed class SqliteRegistryDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRegistryDbContext>
{
    public SqliteRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
