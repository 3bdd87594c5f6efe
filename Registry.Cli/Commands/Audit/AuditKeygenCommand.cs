using System.CommandLine;
using System.Globalization;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Client.Transparency;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// <c>registry audit keygen --origin &lt;origin&gt; --out &lt;file&gt;</c> (offline, no key): generates the Ed25519
/// checkpoint signing key the service needs outside Development (<c>Registry:Audit:SigningKeyFile</c>). The signer key
/// goes only to the owner-only file; stdout gets the public verifier key that auditors pin.
/// </summary>
internal static class AuditKeygenCommand
{
    public static Command Create(CliContext context)
    {
        var origin = new Option<string>("--origin")
        {
            Description = "The log origin, also the key name; must equal the service's Registry:Audit:Origin.",
            HelpName = "origin",
            Required = true,
        };
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "Where to write the secret signer key (created owner-only, mode 0600).",
            HelpName = "file",
            Required = true,
        };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file (its key is lost)." };
        var command = new Command("keygen", "Generate a checkpoint signing key: signer key to --out, verifier key to stdout. Needs no service.")
        {
            origin, output, force,
        };
        command.SetMappedAction(context, (parseResult, cli, _) =>
        {
            var name = parseResult.GetValue(origin)!;
            var path = parseResult.GetValue(output)!.FullName;
            NoteSigner signer;
            try
            {
                signer = NoteSigner.Generate(name);
            }
            catch (ArgumentException)
            {
                throw new CliUsageException("--origin must be non-empty, without spaces or '+' (e.g. registry.example.kz/log).");
            }

            using (signer)
            {
                SignerKeyFile.Write(path, signer.ExportSignerKey(), parseResult.GetValue(force));
                var result = new AuditKeygenResult(
                    name, signer.KeyId.ToString("x8", CultureInfo.InvariantCulture), signer.Verifier.VerifierKey, path);
                cli.Info($"signer key written to {path} (owner-only): set Registry:Audit:SigningKeyFile to it and keep it secret.");
                cli.WriteResult(result, CliJsonContext.Default.AuditKeygenResult, (writer, r) => writer.WriteLine(r.VerifierKey));
                return Task.FromResult(ExitCodes.Ok);
            }
        });
        return command;
    }
}
