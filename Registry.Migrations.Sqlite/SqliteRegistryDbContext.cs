using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Registry.Service.Infrastructure;

namespace Registry.Migrations.Sqlite;

/// <summary>The SQLite flavour of <see cref="RegistryDbContext"/> (the embedded default); its migrations are in this project.</summary>
public sealed class SqliteRegistryDbContext(DbContextOptions<SqliteRegistryDbContext> options) : RegistryDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without a database.</summary>
public sealed class SqliteRegistryDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRegistryDbContext>
{
    public SqliteRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
