using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Registry.Service.Infrastructure;

namespace Registry.Migrations.Postgres;

/// <summary>
/// The PostgreSQL flavour of <see cref="RegistryDbContext"/>; its migrations are in this project. Every column is named
/// in lower case: PostgreSQL folds unquoted identifiers to lower case, so the hand-written SQL of the hot paths, which
/// names columns unquoted (<c>WHERE SubjectKey = @key</c>) as SQLite and SQL Server read them, runs here unchanged.
/// </summary>
public sealed partial class PostgresRegistryDbContext(DbContextOptions<PostgresRegistryDbContext> options) : RegistryDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(property.GetColumnName().ToLowerInvariant());
            }

            // Index filters quote their columns ("Sequence" IS NULL): quote the lower-case names instead.
            foreach (var index in entity.GetIndexes())
            {
                if (index.GetFilter() is { } filter)
                {
                    index.SetFilter(QuotedIdentifier().Replace(filter, m => m.Value.ToLowerInvariant()));
                }
            }
        }
    }

    [GeneratedRegex("\"[A-Za-z_]+\"")]
    private static partial Regex QuotedIdentifier();
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
public sealed class PostgresRegistryDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresRegistryDbContext>
{
    public PostgresRegistryDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresRegistryDbContext>().UseNpgsql("Host=design-time;Database=registry").Options);
}
