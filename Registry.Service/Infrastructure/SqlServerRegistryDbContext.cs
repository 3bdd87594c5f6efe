using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Registry.Service.Infrastructure;

/// <summary>The SQL Server flavour of <see cref="RegistryDbContext"/> (production); migrations in Migrations/SqlServer.</summary>
public sealed class SqlServerRegistryDbContext(DbContextOptions<SqlServerRegistryDbContext> options) : RegistryDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model and scripts without a server.</summary>
public sealed class SqlServerRegistryDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerRegistryDbContext>
{
    public SqlServerRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerRegistryDbContext>()
            .UseSqlServer("Server=(design-time);Database=Registry;Integrated Security=true;TrustServerCertificate=true").Options);
}
