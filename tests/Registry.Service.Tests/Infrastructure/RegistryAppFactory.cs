using System.Net.Http.Headers;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// The real service, in process, on a real SQLite file of its own (a temp directory per factory), with a
/// fake clock and a fixed subject key. Tests call it through generated gRPC clients.
/// </summary>
public class RegistryAppFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset StartTime = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings = new();
    private bool _kestrel;

    public RegistryAppFactory()
    {
        Directory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DatabasePath = Path.Combine(Directory, "registry.db");
        AdminKeyFile = Path.Combine(Directory, "admin.key");
        _settings["ConnectionStrings:Registry"] = $"Data Source={DatabasePath}";
        _settings["Registry:SubjectKey:Secret"] = TestKeys.SubjectKeySecret;
        _settings["Registry:SubjectKey:KeyId"] = "test1";
        _settings["Registry:ApiKeys:BcryptWorkFactor"] = "4";
        _settings["Registry:Bootstrap:AdminKeyFile"] = AdminKeyFile;
        _settings["Registry:Audit:SigningKey"] = TestKeys.CheckpointSignerKey;
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    public string AdminKeyFile { get; }

    public FakeTimeProvider Clock { get; } = new(StartTime);

    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>Overrides a configuration value; call before the server starts.</summary>
    public RegistryAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Runs on PostgreSQL instead of the SQLite file: a fresh, uniquely named database created on the server of
    /// <paramref name="serverConnectionString"/> (e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres</c>). Call before the
    /// server starts. <see cref="DatabasePath"/> is then unused.
    /// </summary>
    public RegistryAppFactory WithPostgres(string serverConnectionString)
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(serverConnectionString);
        var name = "registry_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new Npgsql.NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }

        server.Database = name;
        PostgresConnectionString = server.ConnectionString;
        _settings["Registry:Database:Provider"] = "Postgres";
        _settings["ConnectionStrings:Registry"] = server.ConnectionString;
        return this;
    }

    /// <summary>The connection string of this factory's PostgreSQL database (<see cref="WithPostgres"/>), or null.</summary>
    public string? PostgresConnectionString { get; private set; }

    /// <summary>
    /// Serves on Kestrel at 127.0.0.1 (a free port) instead of the in-memory TestServer: real HTTP/2, so deadlines and
    /// stream resets behave as they do for a partner. Call before the server starts.
    /// </summary>
    public RegistryAppFactory WithKestrel()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _kestrel = true;
        return this;
    }

    /// <summary>Extra service registrations applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    public string AdminApiKey
    {
        get
        {
            Start(); // starts the host, which bootstraps the key
            return File.ReadAllText(AdminKeyFile).Trim();
        }
    }

    public GrpcChannel CreateChannel(string? apiKey)
    {
        Start();
        var handler = new BearerHandler(apiKey) { InnerHandler = _kestrel ? new SocketsHttpHandler() : Server.CreateHandler() };
        return GrpcChannel.ForAddress(BaseAddress, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>The server's address: Kestrel's bound one (<see cref="WithKestrel"/>), or the TestServer's.</summary>
    public Uri BaseAddress
    {
        get
        {
            Start();
            return _kestrel
                ? new Uri(Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                    .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First())
                : Server.BaseAddress;
        }
    }

    private void Start()
    {
        if (_kestrel)
        {
            StartServer();
        }
        else
        {
            _ = Server;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp directory is harmless.
            }
        }
    }

    private sealed class BearerHandler(string? apiKey) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (apiKey is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
