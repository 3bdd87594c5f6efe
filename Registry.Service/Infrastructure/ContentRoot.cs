using Microsoft.Data.Sqlite;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The one base the service resolves against: <c>appsettings.json</c> is read from the content root, and every
/// relative data path (the SQLite file, key files, the admin key file) resolves against it too.
/// </summary>
/// <remarks>
/// ASP.NET Core defaults the content root to the working directory, so <c>dotnet Registry.Service.dll</c> started
/// from another folder found no <c>appsettings.json</c> (no h2c: Kestrel fell back to HTTP/1.1 on cleartext) and
/// created its database in that folder (issue 8). Here it defaults to the app's own folder; an explicit
/// <c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c> or <c>DOTNET_CONTENTROOT</c> wins, relative to the working
/// directory (the launch profile sets <c>.</c>, so <c>dotnet run</c> uses the project folder, where it starts).
/// </remarks>
public static class ContentRoot
{
    private const string ContentRootKey = "contentRoot";

    public static WebApplicationOptions ApplicationOptions(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var configured = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[ContentRootKey];
        return new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = string.IsNullOrWhiteSpace(configured) ? AppContext.BaseDirectory : Path.GetFullPath(configured),
        };
    }

    /// <summary>The path made absolute against the content root; null or empty stays as it is.</summary>
    public static string? Resolve(string? path, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.IsNullOrWhiteSpace(path) ? path : Path.GetFullPath(path, environment.ContentRootPath);
    }

    /// <summary>Makes the SQLite file (<c>SqlitePath</c>, or a relative <c>Data Source</c>) absolute against the content root.</summary>
    public static void ResolveDatabasePaths(DatabaseOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        options.SqlitePath = Resolve(options.SqlitePath, environment)!;
        if (options.Provider != DatabaseProvider.Sqlite || string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        var source = builder.DataSource;
        // In-memory databases, URI file names and |DataDirectory| substitution are left to SQLite.
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:"
            || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || source.Contains('|', StringComparison.Ordinal)
            || Path.IsPathRooted(source))
        {
            return;
        }

        builder.DataSource = Resolve(source, environment);
        options.ConnectionString = builder.ToString();
    }
}
