using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Registry.Migrations.Postgres;
using Registry.Migrations.Sqlite;
using Registry.Migrations.SqlServer;
using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// Every provider's migrations match the model and live in the provider's own project; SQL Server's and PostgreSQL's
/// scripts are generated without a server.
/// </summary>
public sealed class MigrationTests
{
    public static TheoryData<string> Providers => ["Sqlite", "SqlServer", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_HaveNoPendingModelChanges(string provider)
    {
        using var db = DesignTimeContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"run: dotnet ef migrations add <Name> --project Registry.Migrations.{provider} --startup-project Registry.Migrations.{provider} -o Migrations");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_AreOneInitialMigrationInTheProvidersOwnAssembly(string provider)
    {
        using var db = DesignTimeContext(provider);
        var migrations = db.GetService<IMigrationsAssembly>();

        Assert.Equal($"Registry.Migrations.{provider}", migrations.Assembly.GetName().Name);
        var migration = Assert.Single(migrations.Migrations);
        Assert.EndsWith("_Initial", migration.Key, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceAssembly_HoldsNoMigrationCode()
    {
        var generated = typeof(RegistryDbContext).Assembly.GetTypes()
            .Concat(typeof(DatabaseMigrator).Assembly.GetTypes())
            .Where(t => typeof(Migration).IsAssignableFrom(t) || typeof(ModelSnapshot).IsAssignableFrom(t) || t.GetCustomAttribute<DbContextAttribute>() is not null)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(generated);
    }

    [Fact]
    public void SqlServerMigrations_GenerateAnIdempotentScriptWithoutAServer()
    {
        using var db = new SqlServerRegistryDbContextDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [audit_entries]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [consents]", script, StringComparison.Ordinal);
        Assert.Contains("varbinary(32)", script, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresMigrations_NameEveryColumnInLowerCase_SoTheHandWrittenSqlRunsUnquoted()
    {
        using var db = new PostgresRegistryDbContextDesignTimeFactory().CreateDbContext([]);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE audit_entries", script, StringComparison.Ordinal);
        Assert.Contains("subjectkey bytea", script, StringComparison.Ordinal);
        Assert.Contains("WHERE \"sequence\" IS NULL", script, StringComparison.Ordinal);
        foreach (var property in db.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            Assert.Equal(property.GetColumnName().ToLowerInvariant(), property.GetColumnName());
        }
    }

    [Fact]
    public async Task SqlServer_WhenAConnectionStringIsGiven_Migrates()
    {
        var connectionString = Environment.GetEnvironmentVariable("REGISTRY_TEST_SQLSERVER");
        Assert.SkipWhen(string.IsNullOrEmpty(connectionString),
            "Skipped: no SQL Server here. Set REGISTRY_TEST_SQLSERVER to a connection string to run it.");
        var options = new DbContextOptionsBuilder<SqlServerRegistryDbContext>().UseSqlServer(connectionString).Options;
        await using var db = new SqlServerRegistryDbContext(options);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    private static RegistryDbContext DesignTimeContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteRegistryDbContextDesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerRegistryDbContextDesignTimeFactory().CreateDbContext([]),
        "Postgres" => new PostgresRegistryDbContextDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
