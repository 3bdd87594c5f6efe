using System.CommandLine;
using Registry.Cli.Infrastructure;
using Registry.Cli.Json;
using Registry.Client.Audit;
using Registry.Client.Transparency;

namespace Registry.Cli.Commands.Audit;

/// <summary>
/// <c>registry audit prove &lt;entry-id&gt;</c> (auditor key): fetches an inclusion proof and checks it here — the
/// leaf recomputed from the canonical bytes, the path up to the checkpoint's root, and, with <c>--public-key</c>, the
/// checkpoint's signature.
/// </summary>
internal static class AuditProveCommand
{
    public static Command Create(CliContext context)
    {
        var entryId = new Argument<string>("entry-id") { Description = "The audit entry (a receipt)." };
        var treeSize = new Option<long>("--tree-size") { Description = "Prove against this tree size (default: the latest checkpoint).", HelpName = "n" };
        var publicKey = new Option<string?>("--public-key") { Description = "Also check the checkpoint's signature with this C2SP verifier key.", HelpName = "vkey" };
        var command = new Command("prove", "Print and check an inclusion proof of an audit entry; exit 4 when it does not verify.")
        {
            entryId, treeSize, publicKey,
        };
        command.SetMappedAction(context, async (parseResult, output, cancellationToken) =>
        {
            NoteVerifier? verifier = null;
            if (parseResult.GetValue(publicKey) is { } key && !NoteVerifier.TryParse(key, out verifier))
            {
                throw new CliUsageException("--public-key is not a C2SP verifier key (<name>+<hex key id>+<base64 key>).");
            }

            var proof = await context.CreateClient(parseResult).GetInclusionProofAsync(
                parseResult.GetValue(entryId)!, parseResult.GetValue(treeSize), cancellationToken);
            var result = Check(proof, verifier);
            output.WriteResult(result, CliJsonContext.Default.AuditProveResult, WriteText);
            return result.Ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        });
        return command;
    }

    internal static AuditProveResult Check(AuditInclusionProof proof, NoteVerifier? verifier)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var leaf = MerkleTree.LeafHash(proof.CanonicalEntry.Span);
        var root = proof.Checkpoint?.RootHash.ToArray() ?? [];
        var path = proof.Proof.Select(p => p.ToArray()).ToArray();
        var message = (proof.Checkpoint, verifier) switch
        {
            (null, _) => "The service sent no checkpoint to verify the root against.",
            _ when !leaf.AsSpan().SequenceEqual(proof.Entry.LeafHash.Span) => "The entry's canonical bytes do not hash to its leaf hash.",
            _ when proof.Checkpoint.TreeSize != proof.TreeSize => "The checkpoint is not of the proof's tree size.",
            _ when !MerkleTree.VerifyInclusion(proof.LeafIndex, proof.TreeSize, leaf, path, root) => "The inclusion proof does not lead to the checkpoint's root.",
            (_, { } v) when !SignedBy(proof.Checkpoint, v) => "The checkpoint's signature does not verify with the given public key, or its note disagrees with its size and root.",
            _ => null,
        };
        return new AuditProveResult(
            message is null,
            proof.Entry.EntryId,
            proof.LeafIndex,
            proof.TreeSize,
            Convert.ToHexStringLower(leaf),
            Convert.ToHexStringLower(root),
            path.Select(Convert.ToHexStringLower).ToArray(),
            verifier is not null,
            message ?? (verifier is null
                ? "The entry is included in the tree of the checkpoint (signature not checked: pass --public-key)."
                : "The entry is included in the tree of a checkpoint signed by the pinned key."));
    }

    private static bool SignedBy(AuditCheckpoint checkpoint, NoteVerifier verifier) =>
        Checkpoint.TryOpen(checkpoint.SignedNote, verifier, out var opened)
        && opened.TreeSize == checkpoint.TreeSize
        && opened.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash.Span);

    private static void WriteText(TextWriter writer, AuditProveResult result)
    {
        writer.WriteLine($"entry {result.EntryId}: leaf {result.LeafIndex} of tree {result.TreeSize}");
        writer.WriteLine($"leaf hash {result.LeafHash}");
        writer.WriteLine($"root hash {result.RootHash}");
        foreach (var hash in result.Proof)
        {
            writer.WriteLine($"  path {hash}");
        }

        writer.WriteLine($"{(result.Ok ? "OK" : "FAILED")}: {result.Message}");
    }
}
