using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Migrations.Postgres;
using Registry.Migrations.Sqlite;
using Registry.Migrations.SqlServer;

namespace Registry.Service.Infrastructure;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database chosen by <c>Registry:Database:Provider</c>: a pooled context factory of the
    /// provider's derived context (contexts are reused, not rebuilt per call), exposed as
    /// <see cref="IDbContextFactory{RegistryDbContext}"/> and as a scoped <see cref="RegistryDbContext"/>; the pool of
    /// read sessions of the hot paths (<see cref="ReadSessionPool"/>); and the start-up migration.
    /// </summary>
    public static IServiceCollection AddRegistryDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .Configure(o => o.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName))
            .PostConfigure<IHostEnvironment>(ContentRoot.ResolveDatabasePaths)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>());

        // The provider is a start-up choice: read it once from configuration here.
        var provider = configuration.GetValue($"{DatabaseOptions.SectionName}:Provider", DatabaseProvider.Sqlite);
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddPooledDbContextFactory<PostgresRegistryDbContext>((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                o.UseNpgsql(PostgresConnectionString(options))
                    .AddInterceptors(sp.GetServices<IInterceptor>());
            });
            services.TryAddSingleton<IDbContextFactory<RegistryDbContext>, RegistryDbContextFactory<PostgresRegistryDbContext>>();
        }
        else if (provider == DatabaseProvider.SqlServer)
        {
            services.AddPooledDbContextFactory<SqlServerRegistryDbContext>((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                o.UseSqlServer(options.ConnectionString)
                    .AddInterceptors(sp.GetServices<IInterceptor>());
            });
            services.TryAddSingleton<IDbContextFactory<RegistryDbContext>, RegistryDbContextFactory<SqlServerRegistryDbContext>>();
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteRegistryDbContext>((sp, o) =>
            {
                var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
                o.UseSqlite(SqliteConnectionString(options))
                    .AddInterceptors(new SqlitePragmaInterceptor())
                    .AddInterceptors(sp.GetServices<IInterceptor>());
            });
            services.TryAddSingleton<IDbContextFactory<RegistryDbContext>, RegistryDbContextFactory<SqliteRegistryDbContext>>();
        }

        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContext());
        services.TryAddSingleton<ReadSessionPool>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    /// <summary>The SQLite connection string: the configured one, or a file at <see cref="DatabaseOptions.SqlitePath"/>.</summary>
    public static string SqliteConnectionString(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        return new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(options.SqlitePath), Pooling = true }.ToString();
    }

    /// <summary>
    /// The PostgreSQL connection string: the configured one, with Npgsql's automatic preparation turned on unless it
    /// sets <c>Max Auto Prepare</c> itself. The hot paths re-run the same few statements on long-lived connections;
    /// prepared on the server, they skip parsing and planning on every call.
    /// </summary>
    public static string PostgresConnectionString(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!builder.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>The directory of the SQLite file, where Development keeps generated keys; null for a server database.</summary>
    public static string? SqliteDirectory(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        var dataSource = new SqliteConnectionStringBuilder(SqliteConnectionString(options)).DataSource;
        return Path.GetDirectoryName(Path.GetFullPath(dataSource));
    }
}
