using System.Diagnostics;
using Registry.Bench.Seed;
using Registry.Client;

namespace Registry.Bench.Soak;

/// <summary>
/// The audit log after the soak: the auditor's <c>VerifyAuditLog</c> over the whole log (the service's word), then, once
/// the child service has stopped, the CLI's offline verification of its database file against the public key read
/// before (<c>registry audit verify --offline --database … --public-key …</c>, trusting nothing the service says).
/// </summary>
public sealed class SoakVerification(SoakService service, SeedManifest manifest, SoakArguments arguments, TextWriter progress, TimeProvider clock)
{
    private string? _verifierKey;
    private VerifyReport _report = new(false, 0, 0, "NotRun", string.Empty, 0, null, null, 0);

    public async Task OnlineAsync()
    {
        var auditor = new RegistryClient(service.Address, new RegistryApiKeyCredential(manifest.Auditor.ApiKey), new RegistryClientOptions
        {
            MaxRetries = 0,
            Timeout = TimeSpan.FromHours(1),
            AttemptTimeout = TimeSpan.FromHours(1),
            TimeProvider = clock,
        });
        var started = clock.GetTimestamp();
        try
        {
            var key = await auditor.GetPublicKeyAsync();
            _verifierKey = key.VerifierKey;
            await File.WriteAllTextAsync(Path.Combine(arguments.WorkDir, "audit.vkey"), key.VerifierKey + "\n");
            await progress.WriteLineAsync("verify: VerifyAuditLog over the whole log (auditor key)");
            var result = (await auditor.VerifyAuditLogAsync()).Result;
            _report = _report with
            {
                OnlineOk = result.Ok,
                OnlineEntriesVerified = result.EntriesVerified,
                OnlineCheckpointsVerified = result.CheckpointsVerified,
                OnlineProblem = result.Problem.ToString(),
                OnlineMessage = result.Message,
                OnlineSeconds = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1),
            };
        }
        catch (RegistryRequestException ex)
        {
            _report = _report with { OnlineProblem = SoakErrors.Kind(ex), OnlineMessage = ex.Message };
        }

        await progress.WriteLineAsync($"verify: online {(_report.OnlineOk ? "ok" : "FAILED")}, {_report.OnlineEntriesVerified} entries, {_report.OnlineCheckpointsVerified} checkpoints, {_report.OnlineSeconds} s");
    }

    /// <summary>Runs the CLI's offline verification (with <c>--cli-dll</c>, on a child service's stopped database).</summary>
    public async Task<VerifyReport> OfflineAsync()
    {
        if (arguments.CliDll is null || service.DatabaseCopy is null || _verifierKey is null)
        {
            return _report;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { arguments.CliDll, "--json", "audit", "verify", "--offline", "--database", service.DatabaseCopy, "--public-key", _verifierKey })
        {
            start.ArgumentList.Add(argument);
        }

        await progress.WriteLineAsync("verify: registry audit verify --offline --database <the stopped service's file>");
        var started = clock.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = ((await output).Trim() + "\n" + (await error).Trim()).Trim();
        _report = _report with
        {
            OfflineExitCode = process.ExitCode,
            OfflineOutput = text.Length > 2000 ? text[..2000] : text,
            OfflineSeconds = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 1),
        };
        await progress.WriteLineAsync($"verify: offline exit {process.ExitCode} in {_report.OfflineSeconds} s: {_report.OfflineOutput}");
        return _report;
    }
}
