using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>Each test gets a fresh database: tampering is permanent.</summary>
public sealed class AuditTamperingTests : IDisposable
{
    private readonly RegistryAppFactory _factory = new();
    private readonly AuditTestLog _log;

    public AuditTamperingTests() => _log = new AuditTestLog(_factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("UPDATE audit_entries SET Outcome = 'no_record' WHERE Sequence = 3", 3, VerificationProblem.Modified)]
    [InlineData("DELETE FROM audit_entries WHERE Sequence = 4", 4, VerificationProblem.Missing)]
    [InlineData("UPDATE audit_entries SET Sequence = -1 WHERE Sequence = 2; UPDATE audit_entries SET Sequence = 2 WHERE Sequence = 5; UPDATE audit_entries SET Sequence = 5 WHERE Sequence = -1", 2, VerificationProblem.Reordered)]
    public async Task VerifyAuditLog_RowTamperedInTheDatabase_ReportsTheFirstBadSequence(string tamper, long firstBad, VerificationProblem problem)
    {
        var sut = await ArrangeLogAsync();
        await _log.ExecuteAsync(tamper);

        var result = await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);

        Assert.False(result.Ok);
        Assert.Equal(firstBad, result.FirstBadSequence);
        Assert.Equal(problem, result.Problem);
    }

    [Fact]
    public async Task VerifyAuditLog_CheckpointAltered_ReportsABadSignature()
    {
        var sut = await ArrangeLogAsync();
        await _log.ExecuteAsync("UPDATE audit_checkpoints SET SignedNote = replace(SignedNote, 'registry.example/log\n', 'registry.example/log\n\n') WHERE TreeSize = (SELECT MAX(TreeSize) FROM audit_checkpoints)");
        var size = await _log.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints");
        await _log.ExecuteAsync($"UPDATE audit_checkpoints SET SignedNote = replace(SignedNote, '\n{size}\n', '\n{size - 1}\n') WHERE TreeSize = {size}");

        var result = await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);

        Assert.False(result.Ok);
        Assert.Equal(VerificationProblem.BadSignature, result.Problem);
    }

    [Fact]
    public async Task VerifyAuditLog_HashesRewrittenConsistently_NamesTheCheckpointInterval()
    {
        var sut = await ArrangeLogAsync();
        // Modify an entry and store its recomputed leaf hash: only the signed roots can tell.
        var rows = await _log.RowsAsync("Sequence = 3");
        var modified = Registry.Service.Audit.AuditEntryMapping.ToData(new Registry.Service.Audit.AuditEntry
        {
            Id = (string)rows[0]["Id"]!,
            RecordedAt = DateTime.Parse((string)rows[0]["RecordedAt"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal),
            PartnerId = rows[0]["PartnerId"] as string,
            KeyId = rows[0]["KeyId"] as string,
            ActorRole = (string)rows[0]["ActorRole"]!,
            Action = (string)rows[0]["Action"]!,
            Outcome = "failed",
            Detail = rows[0]["Detail"] as string,
        });
        var hash = Client.Transparency.AuditEntryEncoding.LeafHash(3, modified);
        await _log.ExecuteAsync($"UPDATE audit_entries SET Outcome = 'failed', SubjectKey = NULL, SubjectKeyId = NULL, ConsentId = NULL, Purpose = NULL, Reason = NULL, RequestId = NULL, LeafHash = X'{Convert.ToHexString(hash)}' WHERE Sequence = 3");

        var result = await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);

        Assert.False(result.Ok);
        Assert.Equal(VerificationProblem.RootMismatch, result.Problem);
        Assert.True(result.BadCheckpointToSize > 3, result.Message);
        Assert.True(result.BadCheckpointFromSize <= 3, result.Message);
    }

    [Fact]
    public async Task SequenceOnce_AfterTampering_RefusesToSignAnotherCheckpoint()
    {
        await ArrangeLogAsync();
        var before = await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_checkpoints");
        await _log.ExecuteAsync("UPDATE audit_entries SET Outcome = 'no_record' WHERE Sequence = 1");
        await new RegistryScenario(_factory).CreatePartnerKeyAsync();
        await _log.ExecuteAsync("UPDATE sequencer_leases SET HolderId = 'someone-else'");
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await _log.SequenceAsync();

        Assert.NotNull(result.Problem);
        Assert.Equal(before, await _log.ScalarAsync<long>("SELECT COUNT(*) FROM audit_checkpoints"));
    }

    public void Dispose() => _factory.Dispose();

    private async Task<AuditService.AuditServiceClient> ArrangeLogAsync()
    {
        var scenario = new RegistryScenario(_factory);
        for (var i = 0; i < 3; i++)
        {
            await scenario.CreatePartnerKeyAsync();
        }

        await _log.SequenceAsync();
        for (var i = 0; i < 3; i++)
        {
            await scenario.CreatePartnerKeyAsync();
        }

        var auditor = await _log.AuditorAsync();
        await _log.SequenceAsync();
        return auditor;
    }
}
