namespace Registry.Client.Tests.Identity;

/// <summary>Reads the published test vectors from docs/identity.md, the single source of truth for them.</summary>
internal static class IdentityVectorTable
{
    private const string DocPath = "docs/identity.md";

    public static IReadOnlyList<string> Rows { get; } = LoadRows();

    public static IReadOnlyList<IdentityVector> Vectors { get; } = [.. Rows.Select(IdentityVector.Parse)];

    /// <summary>Gets the whole text of docs/identity.md.</summary>
    public static string DocText => File.ReadAllText(FindDoc());

    private static List<string> LoadRows()
    {
        var rows = File.ReadLines(FindDoc())
            .Where(line => line.StartsWith("| `kz-iin` |", StringComparison.Ordinal) || line.StartsWith("| `name-dob` |", StringComparison.Ordinal))
            .ToList();
        return rows.Count > 0 ? rows : throw new InvalidOperationException($"{DocPath} has no vector rows.");
    }

    // The test project cannot embed the doc, so walk up from the test binaries to the repository root.
    private static string FindDoc()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DocPath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{DocPath} not found above {AppContext.BaseDirectory}.");
    }
}
