using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Postgres;

/// <summary>
/// The audit writer's one-statement insert of a batch on PostgreSQL writes every row with every column as given, nulls
/// included, numbered and pending rows alike, only inside the batch's transaction, and all or nothing. (The writer's use of it is run by
/// every PostgreSQL service test: each call writes its entry through it.)
/// </summary>
public sealed class PostgresAuditEntryInsertTests : IClassFixture<PostgresAppFactory>
{
    private readonly PostgresAppFactory _factory;

    public PostgresAuditEntryInsertTests(PostgresAppFactory factory)
    {
        PostgresTestServer.SkipUnlessAvailable();
        _factory = factory;
    }

    private static readonly DateTime At = new DateTime(2026, 12, 2, 9, 30, 15, 123, DateTimeKind.Utc).AddTicks(4560);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_ABatchWithNullsAndPendingRows_WritesEachRowExactly()
    {
        var at = At;
        AuditEntry[] entries =
        [
            Entry(at, sequence: null, leaf: null),
            Entry(at.AddSeconds(1), sequence: 9_000_000_001, leaf: [.. Enumerable.Range(0, 32).Select(i => (byte)i)]),
            new AuditEntry
            {
                Id = NewId(), RecordedAt = at.AddSeconds(2), ActorRole = "admin", Action = "partner.create", Outcome = "ok",
            },
        ];

        // Read back inside the transaction, then rolled back: the running service's sequencer never sees these rows.
        await using var db = await CreateContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        using var sut = new PostgresAuditEntryInsert((NpgsqlConnection)db.Database.GetDbConnection());
        sut.Execute(entries, transaction.GetDbTransaction());
        sut.Execute([], transaction.GetDbTransaction());

        var ids = entries.Select(e => e.Id).ToArray();
        var stored = await db.Set<AuditEntry>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, Ct);
        await transaction.RollbackAsync(Ct);
        Assert.Equal(entries.Length, stored.Count);
        foreach (var expected in entries)
        {
            var actual = stored[expected.Id];
            Assert.Equal(expected.RecordedAt, actual.RecordedAt);
            Assert.Equal(DateTimeKind.Utc, actual.RecordedAt.Kind);
            Assert.Equal(
                (expected.PartnerId, expected.KeyId, expected.ActorRole, expected.Action, expected.SubjectKeyId, expected.ConsentId,
                 expected.Purpose, expected.Outcome, expected.Reason, expected.RequestId, expected.Detail, expected.Sequence),
                (actual.PartnerId, actual.KeyId, actual.ActorRole, actual.Action, actual.SubjectKeyId, actual.ConsentId,
                 actual.Purpose, actual.Outcome, actual.Reason, actual.RequestId, actual.Detail, actual.Sequence));
            Assert.Equal(expected.SubjectKey, actual.SubjectKey);
            Assert.Equal(expected.LeafHash, actual.LeafHash);
        }
    }

    [Fact]
    public async Task Execute_TransactionRolledBack_LeavesNoRow()
    {
        var entry = Entry(At, sequence: null, leaf: null);
        await using (var db = await CreateContextAsync())
        {
            await db.Database.OpenConnectionAsync(Ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            using var sut = new PostgresAuditEntryInsert(connection);
            await using var transaction = await connection.BeginTransactionAsync(Ct);
            sut.Execute([entry], transaction);
            await transaction.RollbackAsync(Ct);
        }

        await using var read = await CreateContextAsync();
        Assert.False(await read.Set<AuditEntry>().AnyAsync(e => e.Id == entry.Id, Ct));
    }

    [Fact]
    public async Task Execute_ADuplicateId_FailsTheWholeStatement()
    {
        var first = Entry(At, sequence: null, leaf: null);
        var other = Entry(At, sequence: null, leaf: null);
        await using (var db = await CreateContextAsync())
        {
            await db.Database.OpenConnectionAsync(Ct);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            using var sut = new PostgresAuditEntryInsert(connection);
            await using var transaction = await connection.BeginTransactionAsync(Ct);
            var ex = Assert.Throws<PostgresException>(() => sut.Execute([first, other, first], transaction));
            Assert.True(DatabaseErrors.IsUniqueViolation(ex));
        }

        await using var read = await CreateContextAsync();
        Assert.False(await read.Set<AuditEntry>().AnyAsync(e => e.Id == first.Id || e.Id == other.Id, Ct));
    }

    private async Task<RegistryDbContext> CreateContextAsync() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<RegistryDbContext>>().CreateDbContextAsync(Ct);

    private static string NewId() => Guid.CreateVersion7().ToString();

    private static AuditEntry Entry(DateTime at, long? sequence, byte[]? leaf) => new()
    {
        Id = NewId(),
        RecordedAt = at,
        PartnerId = "ptn_insert_test",
        KeyId = "key_insert_test",
        ActorRole = "partner",
        Action = "check",
        SubjectKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(255 - i))],
        SubjectKeyId = "k1",
        ConsentId = "cns_insert_test",
        Purpose = "dating_safety",
        Outcome = "refused",
        Reason = "CONSENT_EXPIRED",
        RequestId = "req-1",
        Detail = "{\"n\":1}",
        Sequence = sequence,
        LeafHash = leaf,
    };
}
