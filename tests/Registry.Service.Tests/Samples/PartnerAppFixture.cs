using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Registry.Client;
using Registry.Client.Admin;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Samples;

/// <summary>
/// samples/PartnerApp as a partner would run it: <c>Registry.Protos</c> and <c>Registry.Client</c> packed from this
/// repository into a folder feed with a version no other run uses, the sample (a copy, with the feed path of its
/// nuget.config pointed at that folder) restored into a NuGet cache of its own and built against them, then started
/// beside a real service process on which it holds a partner key. A subject with a record is imported for the tests.
/// </summary>
public sealed class PartnerAppFixture : IAsyncLifetime
{
    public const string IinWithoutRecord = "900521389141";
    public const string IinWithRecord = "850312401235";

    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _directory = Directory.CreateTempSubdirectory("registry-partner-app-").FullName;
    private readonly ConcurrentQueue<string> _appOutput = new();
    private ReplicaSet? _service;
    private Process? _app;

    /// <summary>The version the packages were packed with, e.g. <c>0.0.0-test.g3f…</c>.</summary>
    public string Version { get; } = "0.0.0-test.g" + Guid.NewGuid().ToString("N")[..12];

    public string FeedDirectory => Path.Combine(_directory, "feed");

    public Uri AppAddress { get; private set; } = null!;

    public string AppOutput => string.Join('\n', _appOutput.TakeLast(40));

    public static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"no Registry.sln above {AppContext.BaseDirectory}");
        }
    }

    public async ValueTask InitializeAsync()
    {
        await PackAsync();
        var appDll = await BuildSampleAsync();
        _service = ReplicaSet.CreateSqlite();
        var process = (await _service.StartAsync()).Single();
        var endpoint = new Uri($"http://127.0.0.1:{process.Port}");
        var partnerKey = await SetUpRegistryAsync(endpoint, await _service.AdminKeyAsync());
        await StartAppAsync(appDll, endpoint, partnerKey);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            try
            {
                _app.Kill(entireProcessTree: true);
                await _app.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _app.Dispose();
        }

        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private async Task PackAsync()
    {
        // The client's pack builds the protos project too (same configuration and version), so the second pack only packs.
        await DotnetCommand.RunAsync(RepositoryRoot,
            ["pack", "Registry.Client/Registry.Client.csproj", "-o", FeedDirectory, $"-p:MinVerVersionOverride={Version}", "-nodeReuse:false"],
            PackTimeout);
        await DotnetCommand.RunAsync(RepositoryRoot,
            ["pack", "Registry.Protos/Registry.Protos.csproj", "--no-build", "-o", FeedDirectory, $"-p:MinVerVersionOverride={Version}", "-nodeReuse:false"],
            PackTimeout);
    }

    /// <summary>Copies the sample (sources only) and builds it against the feed; returns its dll.</summary>
    private async Task<string> BuildSampleAsync()
    {
        var source = Path.Combine(RepositoryRoot, "samples", "PartnerApp");
        var copy = Path.Combine(_directory, "PartnerApp");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj")
            {
                continue;
            }

            var target = Path.Combine(copy, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var config = Path.Combine(copy, "nuget.config");
        var text = await File.ReadAllTextAsync(config, TestContext.Current.CancellationToken);
        Assert.Contains("\"../../artifacts/packages\"", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text.Replace("../../artifacts/packages", FeedDirectory, StringComparison.Ordinal),
            TestContext.Current.CancellationToken);

        // A NuGet cache of its own: a Registry.Client of the same version cached by an earlier run cannot stand in.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_directory, "nuget-packages") };
        await DotnetCommand.RunAsync(copy,
            ["build", "-c", "Release", $"-p:RegistryClientVersion={Version}", "--configfile", config, "-nodeReuse:false"],
            PackTimeout, environment);
        var dll = Path.Combine(copy, "bin", "Release", "net10.0", "PartnerApp.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built");
        return dll;
    }

    /// <summary>Creates the app's partner and imports an active record for <see cref="IinWithRecord"/>; returns the partner key.</summary>
    private static async Task<string> SetUpRegistryAsync(Uri endpoint, string adminKey)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = new RegistryClient(endpoint, new RegistryApiKeyCredential(adminKey));
        var partner = await admin.CreatePartnerAsync("dating-app-" + Guid.NewGuid().ToString("N")[..8], Role.Partner, [Purpose.DatingSafety], ct);
        var row = new RecordRow
        {
            Line = 2,
            SourceId = "court-partner-app",
            CaseNumber = "2-7301",
            Identities = [SubjectIdentity.FromIin(IinWithRecord)],
            Category = RecordCategory.ProtectiveOrder,
            Article = "73-1",
            Region = "KZ-75",
            Court = "Almaty district court",
            DecisionDate = new DateOnly(2025, 3, 1),
            EffectiveFrom = new DateOnly(2025, 3, 2),
            Status = RecordStatus.Active,
        };
        var imported = await admin.ImportRecordsAsync("partner-app.csv", Batches(row), cancellationToken: ct).ToListAsync(ct);
        Assert.True(imported.Sum(b => b.Inserted) == 1,
            "the record was not imported: " + string.Join("; ", imported.SelectMany(b => b.Rejections).Select(r => $"{r.Field}: {r.Reason}")));
        return partner.ApiKey.ApiKey;
    }

    private async Task StartAppAsync(string dll, Uri endpoint, string partnerKey)
    {
        var port = FreePort();
        AppAddress = new Uri($"http://127.0.0.1:{port}");
        var info = DotnetCommand.StartInfo(Path.GetDirectoryName(dll)!, [dll], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = AppAddress.ToString(),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
            ["Registry__Endpoint"] = endpoint.ToString(),
            ["Registry__ApiKey"] = partnerKey,
        });
        _app = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        _app.OutputDataReceived += (_, e) => Keep(e.Data);
        _app.ErrorDataReceived += (_, e) => Keep(e.Data);
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = AppAddress };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(StartTimeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            Assert.False(_app.HasExited, $"PartnerApp exited at start-up; output:\n{AppOutput}");
            try
            {
                using var response = await http.GetAsync(new Uri("/", UriKind.Relative), deadline.Token);
                return; // any answer (404 at /) means it is listening
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"PartnerApp did not listen on {AppAddress} within {StartTimeout.TotalSeconds:0} s; output:\n{AppOutput}");
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _appOutput.Enqueue(line);
        while (_appOutput.Count > 200 && _appOutput.TryDequeue(out _))
        {
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<RecordRow>> Batches(RecordRow row)
    {
        await Task.CompletedTask;
        yield return [row];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
