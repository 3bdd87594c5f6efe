using Registry.Client.Transparency;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;
using AuditEntry = Registry.Service.Audit.AuditEntry;

namespace Registry.Service.Tests.Audit;

/// <summary>Rows inserted directly into the database: into the signed past (detected), or at the head (sequenced like any replica's row).</summary>
public sealed class AuditInsertionTests : IDisposable
{
    private readonly RegistryAppFactory _factory = new();
    private readonly AuditTestLog _log;

    public AuditInsertionTests() => _log = new AuditTestLog(_factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAuditLog_RowInsertedMidLogAndLaterRowsRenumbered_ReportsInsertedAtThatSequence()
    {
        var sut = await ArrangeLogAsync();
        const long at = 2;
        var forged = Forged(at);
        await _log.ExecuteAsync($"UPDATE audit_entries SET Sequence = -(Sequence + 1) WHERE Sequence >= {at}; UPDATE audit_entries SET Sequence = -Sequence WHERE Sequence < 0");
        await InsertAsync(forged, at, AuditEntryEncoding.LeafHash(at, AuditEntryMapping.ToData(forged)));

        var result = await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);

        Assert.False(result.Ok);
        Assert.Equal(VerificationProblem.Inserted, result.Problem);
        Assert.Equal(at, result.FirstBadSequence);
    }

    [Fact]
    public async Task SequenceOnce_RowInsertedUnsequenced_AppendsItAtTheHeadAndNeverIntoTheSignedPast()
    {
        var sut = await ArrangeLogAsync();
        var size = await _log.ScalarAsync<long>("SELECT MAX(TreeSize) FROM audit_checkpoints");
        var forged = Forged(0, recordedAt: RegistryAppFactory.StartTime.UtcDateTime.AddDays(-1)); // backdated
        await InsertAsync(forged, null, null);

        await _log.SequenceAsync();

        // Indistinguishable from a replica's insert: sequenced at the end of the log, after every signed entry.
        Assert.True(await _log.ScalarAsync<long>($"SELECT Sequence FROM audit_entries WHERE Id = '{forged.Id}'") >= size);
        var result = await sut.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
        Assert.True(result.Ok, result.Message);
    }

    public void Dispose() => _factory.Dispose();

    private static AuditEntry Forged(long salt, DateTime? recordedAt = null) => new()
    {
        Id = Guid.CreateVersion7().ToString(),
        RecordedAt = recordedAt ?? RegistryAppFactory.StartTime.UtcDateTime,
        ActorRole = "ROLE_PARTNER",
        PartnerId = "forged-" + salt,
        Action = AuditActions.Check,
        Outcome = AuditOutcomes.NoRecord,
    };

    private Task<int> InsertAsync(AuditEntry entry, long? sequence, byte[]? leafHash) =>
        _log.ExecuteAsync(
            "INSERT INTO audit_entries (Id, Sequence, RecordedAt, PartnerId, ActorRole, Action, Outcome, LeafHash) VALUES " +
            $"('{entry.Id}', {(sequence is null ? "NULL" : sequence)}, '{entry.RecordedAt:yyyy-MM-dd HH:mm:ss.ffffff}', '{entry.PartnerId}', " +
            $"'{entry.ActorRole}', '{entry.Action}', '{entry.Outcome}', {(leafHash is null ? "NULL" : $"X'{Convert.ToHexString(leafHash)}'")})");

    private async Task<AuditService.AuditServiceClient> ArrangeLogAsync()
    {
        var scenario = new RegistryScenario(_factory);
        for (var i = 0; i < 6; i++)
        {
            await scenario.CreatePartnerKeyAsync();
        }

        var auditor = await _log.AuditorAsync();
        await _log.SequenceAsync();
        return auditor;
    }
}
