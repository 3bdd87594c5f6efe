using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Registry.Service.Infrastructure;

namespace Registry.Migrations.SqlServer;

/// <summary>The SQL Server flavour of <see cref="RegistryDbContext"/>; its migrations are in this project.</summary>
public sealed class SqlServerRegistryDbContext(DbContextOptions<SqlServerRegistryDbContext> options) : RegistryDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQL Server model and scripts without a server.</summary>
public sealed class SqlServerRegistryDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerRegistryDbContext>
{
    public SqlServerRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerRegistryDbContext>()
            .UseSqlServer("Server=(design-time);Database=Registry;Integrated Security=true;TrustServerCertificate=true").Options);
}
