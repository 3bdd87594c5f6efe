using System.CommandLine;
using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.Data.Sqlite;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Client.Transparency;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// <c>registry audit verify</c>: online, the service verifies a range (auditor key); with <c>--offline</c>, this
/// machine verifies an export, or a copy of the service's SQLite database, against the pinned public key, trusting
/// nothing the service says.
/// </summary>
internal static class AuditVerifyCommand
{
    public static Command Create(CliContext context)
    {
        var fromSeq = new Option<long>("--from-seq") { Description = "First sequence number to verify (default 0).", HelpName = "n" };
        var toSeq = new Option<long?>("--to-seq") { Description = "Last sequence number, inclusive (default: the end).", HelpName = "n" };
        var offline = new Option<bool>("--offline") { Description = "Verify on this machine; needs --export or --database, and --public-key." };
        var export = new Option<FileInfo>("--export") { Description = "The CSV written by 'audit export' (its .checkpoints.json beside it).", HelpName = "file.csv" };
        var database = new Option<FileInfo>("--database") { Description = "A copy of the service's SQLite database file, opened read-only.", HelpName = "registry.db" };
        var publicKey = new Option<string?>("--public-key") { Description = "The pinned checkpoint verifier key (C2SP vkey).", HelpName = "vkey" };
        export.AcceptExistingOnly();
        database.AcceptExistingOnly();
        var command = new Command("verify", "Verify the audit log: exit 0 when it verifies, 4 with the first bad sequence otherwise.")
        {
            fromSeq, toSeq, offline, export, database, publicKey,
        };
        command.Validators.Add(result =>
        {
            var isOffline = result.GetValue(offline);
            var sources = (result.GetResult(export) is null ? 0 : 1) + (result.GetResult(database) is null ? 0 : 1);
            if (isOffline && (sources != 1 || result.GetResult(publicKey) is null))
            {
                result.AddError("--offline needs one of --export <file> or --database <file>, and --public-key <vkey>.");
            }
            else if (!isOffline && (sources > 0 || result.GetResult(publicKey) is not null))
            {
                result.AddError("--export, --database and --public-key are for --offline verification.");
            }
        });
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            var from = parseResult.GetValue(fromSeq);
            var to = parseResult.GetValue(toSeq);
            var result = parseResult.GetValue(offline)
                ? await VerifyOfflineAsync(
                    parseResult.GetValue(export)?.FullName, parseResult.GetValue(database)?.FullName, parseResult.GetValue(publicKey)!, from, to, cancellationToken)
                : AuditVerifyResult.From(await context.CreateClient(parseResult).VerifyAuditLogAsync(from, to, cancellationToken));
            output.WriteResult(result, CliJsonContext.Default.AuditVerifyResult, (writer, r) => r.WriteText(writer));
            return result.Ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        });
        return command;
    }

    private static async Task<AuditVerifyResult> VerifyOfflineAsync(
        string? exportPath, string? databasePath, string verifierKey, long from, long? to, CancellationToken cancellationToken)
    {
        if (!NoteVerifier.TryParse(verifierKey, out var noteVerifier))
        {
            throw new CliUsageException("--public-key is not a C2SP verifier key (<name>+<hex key id>+<base64 key>).");
        }

        if (from < 0 || to < from)
        {
            throw new CliUsageException("--to-seq must be at least --from-seq, and --from-seq at least 0.");
        }

        // Rows are read from sequence 0 even for a later --from-seq: the verifier then only checks the earlier rows'
        // continuity and feeds their stored hashes to the tree, as the export path does.
        var verifier = new AuditLogVerifier(noteVerifier, new AuditLogVerifierOptions { FromSequence = from, ToSequence = to });
        if (exportPath is not null)
        {
            var checkpoints = await AuditCheckpointsFile.ReadAsync(exportPath, cancellationToken);
            return AuditVerifyResult.From(await verifier.VerifyAsync(ReadRowsAsync(exportPath, cancellationToken), checkpoints, cancellationToken));
        }

        var file = new AuditDatabaseFile(databasePath!);
        try
        {
            var notes = await file.ReadCheckpointsAsync(cancellationToken);
            return AuditVerifyResult.From(await verifier.VerifyAsync(file.ReadRowsAsync(cancellationToken), notes, cancellationToken));
        }
        catch (SqliteException ex)
        {
            // Not a SQLite file, or not the service's schema; SQLite's message names no row content.
            throw new CliUsageException($"Cannot read the audit tables of {databasePath}: {ex.Message}", ex);
        }
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
