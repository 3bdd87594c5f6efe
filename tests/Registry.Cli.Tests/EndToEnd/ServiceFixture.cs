extern alias service;

using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Cli.Infrastructure;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client;
using ServiceProgram = service::Program;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>
/// The real Registry.Service in-process on a SQLite file of its own (one per test class), in Development, with the
/// bootstrap admin key written to a temp file. <see cref="PostgresServiceFixture"/> runs it on PostgreSQL instead.
/// </summary>
public class ServiceFixture : WebApplicationFactory<ServiceProgram>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-cli-e2e-").FullName;

    public string DatabasePath => Path.Combine(_directory, "registry.db");

    public string AdminKeyFile => Path.Combine(_directory, "admin.key");

    /// <summary>The bootstrap admin key; starts the service on first use.</summary>
    public string AdminKey
    {
        get
        {
            _ = Server; // starts the host, which writes the key file on first start of an empty database
            return File.ReadAllText(AdminKeyFile).Trim();
        }
    }

    /// <summary>A CLI whose SDK client talks to this in-process service, without retries (a failure shows at once).</summary>
    internal CliHarness CreateCli() => new() { ClientFactory = CreateClient };

    internal RegistryClient CreateClient(CliConnection connection) => new(
        connection.Server,
        new RegistryApiKeyCredential(connection.ApiKey!),
        new RegistryClientOptions { HttpHandler = Server.CreateHandler(), MaxRetries = 0 });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        ConfigureDatabase(builder);
        builder.UseSetting("Registry:Bootstrap:AdminKeyFile", AdminKeyFile);
        builder.UseSetting("Registry:SubjectKey:Secret", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        // Keys are revoked in the scenarios; do not let the verified-key cache hide that for seconds.
        builder.UseSetting("Registry:ApiKeys:CacheDuration", "00:00:00");
        builder.UseSetting("Registry:ApiKeys:BcryptWorkFactor", "4");
    }

    /// <summary>Points the service at its database: the SQLite file at <see cref="DatabasePath"/>.</summary>
    protected virtual void ConfigureDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Registry", $"Data Source={DatabasePath}");
        builder.UseSetting("Registry:Database:SqlitePath", DatabasePath);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
