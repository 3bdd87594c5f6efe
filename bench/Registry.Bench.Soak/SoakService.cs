using System.Diagnostics;
using Registry.Bench.Seed;
using Registry.Client;

namespace Registry.Bench.Soak;

/// <summary>
/// The service under soak: the Release-built <c>Registry.Service.dll</c> started as its own process on a copy of the
/// seeded database, configured as <c>bench/h2load/run.sh</c> does it (every setting on the command line), or a running
/// service at an address. Counts the <c>fail:</c>/<c>crit:</c> lines of the child's console log.
/// </summary>
public sealed class SoakService : IAsyncDisposable
{
    private readonly Process? _process;
    private readonly StreamWriter? _log;
    private readonly Lock _logLock = new();
    private long _warnings;
    private long _failures;

    private SoakService(Uri address, int? pid, string? databaseCopy, Process? process, StreamWriter? log)
    {
        Address = address;
        Pid = pid;
        DatabaseCopy = databaseCopy;
        _process = process;
        _log = log;
    }

    public Uri Address { get; }

    /// <summary>The service's process id when known (started here, or <c>--pid</c>): its memory is sampled.</summary>
    public int? Pid { get; }

    /// <summary>The database file the child runs on (null for a running service).</summary>
    public string? DatabaseCopy { get; }

    public long LogWarnings => Interlocked.Read(ref _warnings);

    /// <summary>Lines the service logged at Error or Critical.</summary>
    public long LogFailures => Interlocked.Read(ref _failures);

    public static async Task<SoakService> StartAsync(SoakArguments arguments, SeedManifest manifest, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(manifest);
        if (arguments.Address is { } address)
        {
            await WaitUntilAnsweringAsync(address, manifest, null, cancellationToken);
            return new SoakService(address, arguments.Pid, null, null, null);
        }

        // The soak writes audit entries, uses, consents and records: run on a copy so the seeded file stays as seeded.
        var run = Path.Combine(arguments.WorkDir, "run");
        if (Directory.Exists(run))
        {
            Directory.Delete(run, recursive: true);
        }

        Directory.CreateDirectory(run);
        var database = Path.Combine(run, "registry.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(arguments.Database + suffix))
            {
                File.Copy(arguments.Database + suffix, database + suffix);
            }
        }

        var url = new Uri($"http://127.0.0.1:{arguments.Port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = run,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var argument in new[]
        {
            arguments.ServiceDll!,
            $"--ConnectionStrings:Registry=Data Source={database}",
            $"--Registry:SubjectKey:KeyId={manifest.SubjectKey.KeyId}",
            $"--Registry:SubjectKey:Secret={manifest.SubjectKey.Secret}",
            $"--Registry:Audit:SigningKey={manifest.SigningKey}",
            // One synthetic partner drives the whole load: its quota is lifted, and the enumeration watch is off because
            // one partner checking at full speed is a sweep by design (as in bench/h2load/run.sh).
            "--Registry:Quotas:PermitsPerSecond=1000000",
            "--Registry:Quotas:Burst=10000000",
            "--Registry:Enumeration:Enabled=false",
            $"--Urls={url}",
            "--Kestrel:EndpointDefaults:Protocols=Http2",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(Path.Combine(run, "service.log")) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new SoakService(url, process.Id, database, process, log);
        process.OutputDataReceived += (_, e) => service.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => service.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await progress.WriteLineAsync($"started Registry.Service (pid {process.Id}) on {url}, database {database}");
        try
        {
            await WaitUntilAnsweringAsync(url, manifest, process, cancellationToken);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>Stops the child with SIGTERM (a graceful shutdown that flushes the audit writer), SIGKILL after 30 s.</summary>
    public async Task<int?> StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return _process?.ExitCode;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (_log is not null)
        {
            lock (_logLock)
            {
                _log.Dispose();
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _failures);
        }
        else if (line.StartsWith("warn:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _warnings);
        }

        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }

    private static async Task WaitUntilAnsweringAsync(Uri address, SeedManifest manifest, Process? process, CancellationToken cancellationToken)
    {
        var options = new RegistryClientOptions { MaxRetries = 0, Timeout = TimeSpan.FromSeconds(2), AttemptTimeout = TimeSpan.FromSeconds(2) };
        var auditor = new RegistryClient(address, new RegistryApiKeyCredential(manifest.Auditor.ApiKey), options);
        var deadline = Stopwatch.GetTimestamp() + (120 * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                await auditor.GetPublicKeyAsync(cancellationToken);
                return;
            }
            catch (RegistryRequestException) when (Stopwatch.GetTimestamp() < deadline && process is not { HasExited: true })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}
