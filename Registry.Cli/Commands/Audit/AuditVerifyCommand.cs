using System.CommandLine;
using System.Runtime.CompilerServices;
using CsvHelper;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Client.Transparency;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// <c>registry audit verify</c>: online, the service verifies a range (auditor key); with <c>--offline</c>, this
/// machine verifies an export against the pinned public key, trusting nothing the service says.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var fromSeq = new Option<long>("--from-seq") { Description = "First sequence number to verify (default 0).", HelpName = "n" };
        var toSeq = new Option<long?>("--to-seq") { Description = "Last sequence number, inclusive (default: the end).", HelpName = "n" };
        var offline = new Option<bool>("--offline") { Description = "Verify an export on this machine; needs --export and --public-key." };
        var export = new Option<FileInfo>("--export") { Description = "The CSV written by 'audit export' (its .checkpoints.json beside it).", HelpName = "file.csv" };
        var publicKey = new Option<string?>("--public-key") { Description = "The pinned checkpoint verifier key (C2SP vkey).", HelpName = "vkey" };
        export.AcceptExistingOnly();
        var command = new Command("verify", "Verify the audit log: exit 0 when it verifies, 4 with the first bad sequence otherwise.")
        {
            fromSeq, toSeq, offline, export, publicKey,
        };
        command.Validators.Add(result =>
        {
            var isOffline = result.GetValue(offline);
            var hasFiles = result.GetResult(export) is not null || result.GetResult(publicKey) is not null;
            if (isOffline && (result.GetResult(export) is null || result.GetResult(publicKey) is null))
            {
                result.AddError("--offline needs --export <file> and --public-key <vkey>.");
            }
            else if (!isOffline && hasFiles)
            {
                result.AddError("--export and --public-key are for --offline verification.");
            }
        });
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var from = parseResult.GetValue(fromSeq);
            var to = parseResult.GetValue(toSeq);
            var result = parseResult.GetValue(offline)
                ? await VerifyOfflineAsync(parseResult.GetValue(export)!.FullName, parseResult.GetValue(publicKey)!, from, to, cancellationToken)
                : AuditVerifyResult.From(await context.CreateClient(parseResult).VerifyAuditLogAsync(from, to, cancellationToken));
            output.WriteResult(result, CliJsonContext.Default.AuditVerifyResult, (writer, r) => r.WriteText(writer));
            return result.Ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        });
        return command;
    }

    private static async Task<AuditVerifyResult> VerifyOfflineAsync(
        string exportPath, string verifierKey, long from, long? to, CancellationToken cancellationToken)
    {
        if (!NoteVerifier.TryParse(verifierKey, out var noteVerifier))
        {
            throw new CliUsageException("--public-key is not a C2SP verifier key (<name>+<hex key id>+<base64 key>).");
        }

        var checkpoints = await AuditCheckpointsFile.ReadAsync(exportPath, cancellationToken);
        var verifier = new AuditLogVerifier(noteVerifier, new AuditLogVerifierOptions { FromSequence = from, ToSequence = to });
        var result = await verifier.VerifyAsync(ReadRowsAsync(exportPath, cancellationToken), checkpoints, cancellationToken);
        return AuditVerifyResult.From(result);
    }

    private static async IAsyncEnumerable<AuditLogRow> ReadRowsAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = CsvReader.FromFile(path);
        await foreach (var row in reader.GetRecordsAsync<AuditCsvRow>(cancellationToken))
        {
            if (AuditRowMapping.TryToLogRow(row, out var logRow))
            {
                yield return logRow!;
            }
        }
    }
}
