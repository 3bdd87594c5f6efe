using System.Text.Json;
using Registry.Cli.Tests.Infrastructure;
using Registry.Client;
using Registry.Client.Audit;
using Registry.Client.Transparency;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary><c>audit prove</c> and <c>audit tail</c> against the real service.</summary>
public sealed class CliAuditProveTailTests : IClassFixture<ServiceFixture>
{
    private readonly ServiceFixture _fixture;
    private readonly CliHarness _cli;
    private readonly AuditLogDriver _log;

    public CliAuditProveTailTests(ServiceFixture fixture)
    {
        _fixture = fixture;
        _cli = fixture.CreateCli();
        _log = new AuditLogDriver(fixture, _cli);
    }

    [Fact]
    public async Task Prove_SequencedEntryWithPinnedKey_ExitsOkWithSignatureChecked()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        var receipt = await _log.CreatePartnerAsync();
        await _log.EnsureSequencedAsync(2);

        var run = await _cli.RunAsync("audit", "prove", receipt, "--public-key", _log.VerifierKey, "--api-key", auditorKey, "--json");

        var json = run.Json();
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.True(json.GetProperty("signatureChecked").GetBoolean());
        Assert.Equal(receipt, json.GetProperty("entryId").GetString());
        Assert.True(json.GetProperty("leafIndex").GetInt64() < json.GetProperty("treeSize").GetInt64(), run.ToString());
    }

    [Fact]
    public async Task Prove_WithoutPublicKey_ExitsOkAndSaysTheSignatureWasNotChecked()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        var receipt = await _log.CreatePartnerAsync();
        await _log.EnsureSequencedAsync(2);

        var run = await _cli.RunAsync("audit", "prove", receipt, "--api-key", auditorKey);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Contains("signature not checked", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prove_WithAnotherPublicKey_ExitsVerificationFailed()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        var receipt = await _log.CreatePartnerAsync();
        await _log.EnsureSequencedAsync(2);
        using var other = NoteSigner.Generate("registry.example/log");

        var run = await _cli.RunAsync("audit", "prove", receipt, "--public-key", other.Verifier.VerifierKey, "--api-key", auditorKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.VerificationFailed, run.ToString());
        Assert.False(run.Json().GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Prove_UnknownEntry_ExitsWithServiceError()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();

        var run = await _cli.RunAsync("audit", "prove", Guid.NewGuid().ToString(), "--api-key", auditorKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.ServiceError, run.ToString());
    }

    [Fact]
    public async Task Tail_WithMaxEntries_PrintsThatManyEntriesInSequenceOrderAndExits()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        await _log.EnsureSequencedAsync(6);

        var run = await _cli.RunAsync("audit", "tail", "--max-entries", "5", "--api-key", auditorKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal([0L, 1, 2, 3, 4], Sequences(run));
    }

    [Fact]
    public async Task Tail_FromSequence_StartsThereWithoutGapsOrDuplicates()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        await _log.EnsureSequencedAsync(6);

        var run = await _cli.RunAsync("audit", "tail", "--from-seq", "3", "--max-entries", "3", "--api-key", auditorKey, "--json");

        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        Assert.Equal([3L, 4, 5], Sequences(run));
    }

    [Fact]
    public async Task QueryAuditLog_FromSequence_TheServiceStartsAtThatSequence()
    {
        var auditorKey = await _log.CreateAuditorKeyAsync();
        await _log.EnsureSequencedAsync(4);
        var sut = _fixture.CreateClient(new Cli.Infrastructure.CliConnection(_fixture.Server.BaseAddress, auditorKey));

        var first = await sut.QueryAuditLogAsync(new AuditQuery { FromSequence = 2, MaxEntries = 1 }, TestContext.Current.CancellationToken)
            .FirstAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, first.Sequence);
    }

    private static List<long> Sequences(CliRun run) =>
        run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("sequence").GetInt64())
            .ToList();
}
