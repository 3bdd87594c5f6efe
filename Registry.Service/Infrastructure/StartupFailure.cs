using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Runs the service, and turns a failure to start (a corrupt or unreadable database, a bad setting, a missing key, a
/// port in use) into one readable line on stderr and exit code <see cref="ExitCode"/>, instead of an unhandled
/// exception (a stack trace, and exit 134 from the runtime's abort).
/// </summary>
public static class StartupFailure
{
    /// <summary>The exit code of a service that could not start.</summary>
    public const int ExitCode = 1;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int MaxMessageLength = 1000;

    /// <summary>
    /// Outside Development, keeps the host's own "Hosting failed to start" log (the exception with its stack trace)
    /// out of the output until the service has started: <see cref="RunRegistryAsync"/> reports the failure instead.
    /// After the start, the host's messages are logged as configured.
    /// </summary>
    public static IServiceCollection AddRegistryStartupReport(this IServiceCollection services, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment())
        {
            // Not through IHostApplicationLifetime inside the filter's options: the lifetime needs a logger, and the
            // logger factory needs these options.
            var started = new StartedSignal();
            services.AddHostedService(_ => started);
            services.Configure<LoggerFilterOptions>(o =>
                o.AddFilter(HostCategory, level => level >= LogLevel.Critical || (started.HasStarted && level >= LogLevel.Information)));
        }

        return services;
    }

    /// <summary>Starts the service and waits for its shutdown; returns the process's exit code.</summary>
    public static async Task<int> RunRegistryAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync();
        }
        catch (Exception ex) when (IsTheProcess)
        {
            await Console.Error.WriteLineAsync("Registry.Service could not start: " + Describe(ex, app.Services));
            await app.DisposeAsync();
            return ExitCode;
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    /// <summary>
    /// True when this service is the process; false when a test host runs it (WebApplicationFactory runs the entry
    /// point itself and needs the start-up exception to reach the test).
    /// </summary>
    private static bool IsTheProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>One line: what failed, without a stack trace, bounded.</summary>
    public static string Describe(Exception exception, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(services);
        var causes = exception is AggregateException aggregate ? aggregate.Flatten().InnerExceptions : [exception];
        var line = string.Join("; ", causes.Select(c => DescribeOne(c, services)));
        line = string.Join(' ', line.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }

    private static string DescribeOne(Exception exception, IServiceProvider services)
    {
        // The SQLite error is the one to show even when it arrives wrapped (EF, the host).
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is SqliteException sqlite)
            {
                return $"the database {DatabaseName(services)} cannot be used: {sqlite.Message} " +
                    "Restore it from a backup, or point Registry:Database at another file.";
            }
        }

        return exception.Message;
    }

    private static string DatabaseName(IServiceProvider services)
    {
        try
        {
            var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return options.Provider == DatabaseProvider.Sqlite
                ? new SqliteConnectionStringBuilder(DatabaseServiceCollectionExtensions.SqliteConnectionString(options)).DataSource
                : options.Provider.ToString();
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException or ArgumentException)
        {
            return "(not configured)";
        }
    }

    /// <summary>Set once every hosted service has started (a lifecycle hook, so it runs in tests' hosts as well).</summary>
    private sealed class StartedSignal : IHostedLifecycleService
    {
        private volatile bool _hasStarted;

        public bool HasStarted => _hasStarted;

        public Task StartedAsync(CancellationToken cancellationToken)
        {
            _hasStarted = true;
            return Task.CompletedTask;
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
