using System.Text.Json;
using Registry.Cli.Json;

namespace Registry.Cli.Commands.Audit;

/// <summary>The signed checkpoints of an export, beside it as <c>&lt;export&gt;.checkpoints.json</c>: a JSON array of note texts.</summary>
internal static class AuditCheckpointsFile
{
    public static string PathFor(string exportPath) => exportPath + ".checkpoints.json";

    public static async Task WriteAsync(string exportPath, IReadOnlyList<string> signedNotes, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(PathFor(exportPath));
        await JsonSerializer.SerializeAsync(stream, signedNotes, CliJsonContext.Default.IReadOnlyListString, cancellationToken);
    }

    public static async Task<IReadOnlyList<string>> ReadAsync(string exportPath, CancellationToken cancellationToken)
    {
        var path = PathFor(exportPath);
        if (!File.Exists(path))
        {
            throw new Infrastructure.CliUsageException($"The checkpoints of the export are missing: expected {path} (written by 'registry audit export' without filters).");
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync(stream, CliJsonContext.Default.IReadOnlyListString, cancellationToken) ?? [];
    }
}
