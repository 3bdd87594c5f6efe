using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server of the test run's own, as docs/stack.md describes: <c>initdb --auth=trust</c> into a data
/// directory under /tmp and <c>pg_ctl start</c> on a random free port of 127.0.0.1 (as the <c>postgres</c> OS user
/// when the tests run as root, because initdb refuses root); stopped with <c>pg_ctl stop -m immediate</c>.
/// </summary>
internal sealed class ThrowawayPostgres : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);
    private readonly string _binDirectory;
    private readonly string _directory;
    private readonly bool _asPostgresUser;

    private ThrowawayPostgres(string binDirectory, string directory, bool asPostgresUser, int port)
    {
        _binDirectory = binDirectory;
        _directory = directory;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A superuser connection to the server's <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>The directory holding <c>initdb</c> and <c>pg_ctl</c>: the PATH, then /usr/lib/postgresql/*/bin (newest first); null if none.</summary>
    public static string? FindBinDirectory()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Initialises and starts a server; throws <see cref="InvalidOperationException"/> with the tools' output if it cannot.</summary>
    public static async Task<ThrowawayPostgres> StartAsync(string binDirectory, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var asPostgresUser = Environment.IsPrivilegedProcess;
        if (asPostgresUser)
        {
            await RunAsync("chown", ["postgres", directory], cancellationToken);
        }

        var server = new ThrowawayPostgres(binDirectory, directory, asPostgresUser, 0);
        try
        {
            await server.ToolAsync("initdb", ["--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C", "--no-sync", "-D", server.DataDirectory], cancellationToken);
            return await server.StartOnFreePortAsync(cancellationToken);
        }
        catch
        {
            server.Delete();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Not running (it failed to start, or was stopped already): nothing to stop.
        }

        Delete();
    }

    private async Task<ThrowawayPostgres> StartOnFreePortAsync(CancellationToken cancellationToken)
    {
        // A free port can be taken by someone else between our probe and the server's bind: try a few.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            try
            {
                await ToolAsync("pg_ctl",
                [
                    "start", "-D", DataDirectory, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "90",
                    "-o", $"-p {port} -k {_directory} -h 127.0.0.1 -c max_connections=300",
                ], cancellationToken);
                return new ThrowawayPostgres(_binDirectory, _directory, _asPostgresUser, port);
            }
            catch (InvalidOperationException ex)
            {
                if (attempt == 3)
                {
                    var log = Path.Combine(_directory, "server.log");
                    throw new InvalidOperationException(ex.Message + "\n" + (File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : "(no server log)"), ex);
                }
            }
        }
    }

    private void Delete()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: /tmp is cleaned anyway.
        }
    }

    private Task<string> ToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments], cancellationToken)
            : RunAsync(path, arguments, cancellationToken);
    }

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(CommandTimeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        await process.WaitForExitAsync(deadline.Token);
        var text = (await output) + (await errors);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited {process.ExitCode}: {text.Trim()}");
        }

        return text;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
