using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Grpc.Net.Client;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// A real <c>dotnet Registry.Service.dll</c> process (the build copied into the test output) on 127.0.0.1, with
/// a short sequencer interval and lease. Killed, with its whole tree, on <see cref="Dispose"/>.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _failures = new();

    private ServiceProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (for failure messages; the tests' admin key may be among them).</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    /// <summary>Every line the process wrote to stderr (complete once the process has exited and been awaited).</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>
    /// Every line the service's own code logged at Error (<c>fail: Registry.…</c>), and every Critical one. EF Core's own
    /// Error lines are left out: it logs the failed statement of conditions the service handles (the history table a fresh
    /// database lacks, a unique index refusing the loser of a name race) at Error.
    /// </summary>
    public IReadOnlyList<string> Failures => [.. _failures];

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to exit by itself, and for its output to be read to the end.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        await _process.WaitForExitAsync(deadline.Token);
    }

    public static ServiceProcess Start(string databasePath, string adminKeyFile) =>
        Start(AppContext.BaseDirectory, adminKeyFile, environment => environment["ConnectionStrings__Registry"] = $"Data Source={databasePath}");

    /// <summary>
    /// Starts the service on the database that <paramref name="configureDatabase"/> sets in its environment (a replica of
    /// a <see cref="ReplicaSet"/>), with the run's subject key K and audit signing key passed explicitly, as every
    /// replica of one deployment must share them.
    /// </summary>
    public static ServiceProcess Start(string adminKeyFile, Action<IDictionary<string, string?>> configureDatabase) =>
        Start(AppContext.BaseDirectory, adminKeyFile, configureDatabase);

    /// <summary>
    /// Starts the service from <paramref name="workingDirectory"/> with <c>Registry:Database:SqlitePath</c> set to
    /// <paramref name="sqlitePath"/> (no connection string), so relative paths resolve as an operator's would.
    /// </summary>
    public static ServiceProcess StartFrom(string workingDirectory, string sqlitePath, string adminKeyFile) =>
        Start(workingDirectory, adminKeyFile, environment => environment["Registry__Database__SqlitePath"] = sqlitePath);

    private static ServiceProcess Start(string workingDirectory, string adminKeyFile, Action<IDictionary<string, string?>> configureDatabase)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Registry.Service.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references Registry.Service, so the build copies it.");
        var port = FreePort();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        var environment = info.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["DOTNET_ENVIRONMENT"] = "Testing";

        // No file watchers: the in-process tests' hosts can hold nearly all of root's inotify instances (128 by default),
        // and a host that cannot get one dies at start-up watching appsettings.json.
        environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        environment["DOTNET_USE_POLLING_FILE_WATCHER"] = "true";
        environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        environment["Urls"] = $"http://127.0.0.1:{port}";
        configureDatabase(environment);
        environment["Registry__SubjectKey__Secret"] = TestKeys.SubjectKeySecret;
        environment["Registry__SubjectKey__KeyId"] = "test1";
        environment["Registry__ApiKeys__BcryptWorkFactor"] = "4";
        environment["Registry__Bootstrap__AdminKeyFile"] = adminKeyFile;
        environment["Registry__Audit__SigningKey"] = TestKeys.CheckpointSignerKey;
        environment["Registry__Audit__SequencerInterval"] = "00:00:00.200";
        environment["Registry__Audit__LeaseDuration"] = "00:00:01.500";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Registry.Service.Audit"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new ServiceProcess(process, port);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                service._errors.Enqueue(e.Data);
            }

            service.Keep(e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    public GrpcChannel CreateChannel(string? apiKey)
    {
        var handler = new BearerHandler(apiKey) { InnerHandler = new SocketsHttpHandler() };
        return GrpcChannel.ForAddress($"http://127.0.0.1:{Port}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("fail: Registry.", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            _failures.Enqueue(line);
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
