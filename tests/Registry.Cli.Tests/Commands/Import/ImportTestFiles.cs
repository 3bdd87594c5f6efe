using System.Text;

namespace Registry.Cli.Tests.Commands.Import;

/// <summary>Real CSV files on disk for the import tests, in a temp folder removed afterwards.</summary>
internal sealed class ImportTestFiles : IDisposable
{
    public const string Header = "source_id;case_number;iin;full_name;birth_date;category;article;region;court;decision_date;effective_from;expires_at;status";

    /// <summary>Valid IINs (checksums verified by the SDK's vectors) for building rows.</summary>
    public const string Iin1 = "900521389141";

    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("registry-import-").FullName;

    /// <summary>The shipped sample export (from shared/data), byte for byte.</summary>
    public static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Commands", "Import", "TestData", "court-sample.csv");

    public string Directory => _directory;

    /// <summary>Writes <paramref name="text"/> as UTF-8 (optionally with a BOM), with <paramref name="newLine"/> between lines.</summary>
    public string Write(string name, string text, bool byteOrderMark = false, string newLine = "\r\n")
    {
        var path = Path.Combine(_directory, name);
        var normalized = text.ReplaceLineEndings(newLine);
        File.WriteAllText(path, normalized, new UTF8Encoding(byteOrderMark));
        return path;
    }

    /// <summary>Writes a file of <see cref="Header"/> and <paramref name="rows"/>.</summary>
    public string WriteRows(string name, params string[] rows) => Write(name, string.Join("\n", [Header, .. rows]) + "\n");

    /// <summary>
    /// The sample export with each source_id made unique to one test (<c>VKO-POLICE</c> → <c>VKO-POLICE-1a2b3c4d</c>), so tests
    /// sharing one service do not see each other's records; every other byte is the sample's.
    /// </summary>
    public string CopySample(string suffix, string name = "court.csv")
    {
        // The sample has no record spanning lines, so it can be edited line by line.
        var lines = File.ReadAllText(SamplePath, Encoding.UTF8).Split("\r\n");
        var text = string.Join("\r\n", lines.Select((line, i) => i == 0 || line.Length == 0 ? line : PrefixSource(line, suffix)));
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);

    private static string PrefixSource(string line, string suffix)
    {
        var separator = line.IndexOf(';', StringComparison.Ordinal);
        return line[..separator] + "-" + suffix + line[separator..];
    }
}
