using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Registry.Bench.Seed;
using Registry.Client.Transparency;
using Registry.Service.Audit;

namespace Registry.Bench.Load;

/// <summary>
/// The real service, in this process, on Kestrel at 127.0.0.1 (a free port, h2c) and a fresh SQLite file in
/// a temp directory (WAL, synchronous=FULL as in production). Only the <c>IAuditLog</c> is wrapped, so a run
/// can switch between the real writer and the no-op. Given a seeded manifest, the file is a copy of the seeded
/// database (the run writes audit entries and uses into it) and the service gets the manifest's K and signing key.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly SeedManifest? _seeded;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="settings">Extra configuration (the telemetry switches), applied after the bench's own.</param>
    public BenchHost(SeedManifest? seeded = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _seeded = seeded;
        _settings = settings ?? new Dictionary<string, string?>();
        Directory = Path.Combine(Path.GetTempPath(), "registry-bench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        if (seeded is not null)
        {
            File.Copy(seeded.Database, DatabasePath);
        }

        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "registry.db");

    public BatchSizeRecorder Batches { get; } = new();

    public SwitchableAuditLog AuditLog => Services.GetRequiredService<SwitchableAuditLog>();

    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.Single());
        }
    }

    public string AdminApiKey
    {
        get
        {
            StartServer();
            return File.ReadAllText(Path.Combine(Directory, "admin.key")).Trim();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        using var signer = NoteSigner.Generate("registry.example/log");
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("ConnectionStrings:Registry", $"Data Source={DatabasePath}");
        builder.UseSetting("Registry:SubjectKey:Secret", _seeded?.SubjectKey.Secret ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Registry:SubjectKey:KeyId", _seeded?.SubjectKey.KeyId ?? "bench1");
        builder.UseSetting("Registry:ApiKeys:BcryptWorkFactor", "4");
        // One partner drives the whole load: its quota is lifted (the quota's own cost stays on the path).
        builder.UseSetting("Registry:Quotas:PermitsPerSecond", "1000000");
        builder.UseSetting("Registry:Quotas:Burst", "10000000");
        builder.UseSetting("Registry:Enumeration:Enabled", "false"); // one synthetic partner at full speed is a sweep by design
        builder.UseSetting("Registry:Bootstrap:AdminKeyFile", Path.Combine(Directory, "admin.key"));
        builder.UseSetting("Registry:Audit:SigningKey", _seeded?.SigningKey ?? signer.ExportSignerKey());
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Registry", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddSimpleConsole();
            logging.AddProvider(Batches);
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddFilter<BatchSizeRecorder>(BatchSizeRecorder.WriterCategory, LogLevel.Trace);
        });
        builder.ConfigureServices(services =>
        {
            services.TryAddSingleton<SwitchableAuditLog>();
            services.Replace(ServiceDescriptor.Singleton<IAuditLog>(sp => sp.GetRequiredService<SwitchableAuditLog>()));
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
}
