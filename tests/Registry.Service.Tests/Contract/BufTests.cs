namespace Registry.Service.Tests.Contract;

/// <summary>
/// The contract's hygiene (docs/contract.md): <c>buf lint</c> (STANDARD plus COMMENTS) and <c>buf breaking</c> against
/// the committed v1 baseline pass on the checked-in files, and both checks are live: a copy of the contract with a
/// comment removed fails lint, and one with a field renumbered fails breaking.
/// </summary>
public sealed class BufTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "registry-buf-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Lint_Contract_Passes()
    {
        var result = await BufCli.RunAsync(BufCli.RepositoryRoot, ["lint"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, $"buf lint exited {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public async Task Breaking_ContractAgainstBaseline_Passes()
    {
        var result = await BufCli.RunAsync(
            BufCli.RepositoryRoot, ["breaking", BufCli.ContractModule, "--against", BufCli.BaselineImage], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, $"buf breaking exited {result.ExitCode}:\n{result.Output}");
    }

    [Fact]
    public async Task Lint_WhenAFieldLosesItsComment_FailsNamingTheField()
    {
        var workspace = CopyWorkspace();
        Edit(workspace, "check.proto", "  // Required. 1..100 checks.\n", "");

        var result = await BufCli.RunAsync(workspace, ["lint"], TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Field \"items\" should have a non-empty comment", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Breaking_WhenAFieldIsRenumbered_FailsNamingTheField()
    {
        var workspace = CopyWorkspace();
        Edit(workspace, "check.proto", "int32 consent_uses_remaining = 4;", "int32 consent_uses_remaining = 14;");

        var result = await BufCli.RunAsync(
            workspace,
            ["breaking", BufCli.ContractModule, "--against", Path.Combine(BufCli.RepositoryRoot, BufCli.BaselineImage)],
            TestContext.Current.CancellationToken);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("field \"4\" with name \"consent_uses_remaining\"", result.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    // buf.yaml and the .proto files of both modules, nothing built (bin/obj stay behind).
    private string CopyWorkspace()
    {
        File.Copy(Path.Combine(BufCli.RepositoryRoot, "buf.yaml"), Path.Combine(Directory.CreateDirectory(_scratch).FullName, "buf.yaml"));
        foreach (var module in new[] { Path.Combine(BufCli.ContractModule, "registry"), Path.Combine("eng", "googleapis") })
        {
            var from = Path.Combine(BufCli.RepositoryRoot, module);
            foreach (var file in Directory.EnumerateFiles(from, "*.proto", SearchOption.AllDirectories))
            {
                var to = Path.Combine(_scratch, module, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }

        return _scratch;
    }

    private static void Edit(string workspace, string file, string find, string replacement)
    {
        var path = Path.Combine(workspace, BufCli.ContractModule, "registry", "v1", file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replacement, StringComparison.Ordinal));
    }
}
