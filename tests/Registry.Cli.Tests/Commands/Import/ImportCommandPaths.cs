using Registry.Cli.Commands.Import;

namespace Registry.Cli.Tests.Commands.Import;

/// <summary>Where the command writes, as the tests expect it.</summary>
internal static class ImportCommandPaths
{
    /// <summary>The default rejects file of <paramref name="path"/>.</summary>
    public static string Rejects(string path) => ImportCommand.DefaultRejectsPath(path);
}
