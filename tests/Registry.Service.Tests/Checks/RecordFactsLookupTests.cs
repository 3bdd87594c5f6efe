using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Infrastructure;
using Registry.Service.Records;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// The subject lookup probes the index on the subject key's 8-byte prefix and compares the whole key: keys that share a
/// prefix never see each other's records, and every way a link is written stores the prefix the lookup computes.
/// </summary>
public sealed class RecordFactsLookupTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void PrefixOf_IsTheFirstEightBytesBigEndian_ZeroPaddedWhenShorter()
    {
        byte[] key = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xAA, 0xBB];

        Assert.Equal(0x0102030405060708L, RecordSubject.PrefixOf(key));
        Assert.Equal(unchecked((long)0xFF00000000000001UL), RecordSubject.PrefixOf([0xFF, 0, 0, 0, 0, 0, 0, 0x01, 0x99]));
        Assert.Equal(0x0102030000000000L, RecordSubject.PrefixOf([0x01, 0x02, 0x03]));
        Assert.Equal(0L, RecordSubject.PrefixOf([]));
    }

    [Fact]
    public void SubjectPrefix_FollowsTheKeyItIsGiven()
    {
        var key = KeyWithPrefix(0x1122334455667788UL, 1);

        var link = new RecordSubject { SubjectKey = key, SubjectKeyId = "k1" };

        Assert.Equal(RecordSubject.PrefixOf(key), link.SubjectPrefix);
        Assert.Equal(0x1122334455667788L, link.SubjectPrefix);
    }

    [Fact]
    public async Task Find_KeysSharingAPrefix_EachSeesOnlyItsOwnRecords()
    {
        var prefix = (ulong)Random.Shared.NextInt64();
        var first = KeyWithPrefix(prefix, 1);
        var second = KeyWithPrefix(prefix, 2);
        var unlinked = KeyWithPrefix(prefix, 3);
        await SeedAsync(first, RecordCategory.ProtectiveOrder);
        await SeedAsync(second, RecordCategory.CriminalConviction);
        await SeedAsync(second, RecordCategory.AdministrativeOffense);

        await using var connection = await OpenAsync();
        using var lookup = new RecordFactsLookupCommand(connection);
        var ofFirst = await lookup.FindAsync(first, Ct);
        var ofSecond = await lookup.FindAsync(second, Ct);
        var ofUnlinked = await lookup.FindAsync(unlinked, Ct);

        Assert.Equal([RecordCategory.ProtectiveOrder], ofFirst.Select(f => f.Category));
        Assert.Equal(
            [RecordCategory.AdministrativeOffense, RecordCategory.CriminalConviction],
            ofSecond.Select(f => f.Category).Order());
        Assert.Empty(ofUnlinked);
    }

    [Fact]
    public async Task StoredLink_HoldsThePrefixOfItsKey_AndReadsBackWithIt()
    {
        var key = KeyWithPrefix((ulong)Random.Shared.NextInt64(), 4);
        await SeedAsync(key, RecordCategory.RestrainingOrder);

        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SubjectPrefix FROM record_subjects WHERE SubjectKey = $key";
        command.Parameters.AddWithValue("$key", key);
        var stored = (long)(await command.ExecuteScalarAsync(Ct))!;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var read = await db.RecordSubjects.AsNoTracking().SingleAsync(s => s.SubjectKey == key, Ct);

        Assert.Equal(RecordSubject.PrefixOf(key), stored);
        Assert.Equal(stored, read.SubjectPrefix);
        Assert.Equal(key, read.SubjectKey);
    }

    /// <summary>A 32-byte key whose first 8 bytes are <paramref name="prefix"/> and whose last byte is <paramref name="tail"/>.</summary>
    private static byte[] KeyWithPrefix(ulong prefix, byte tail)
    {
        var key = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(key, prefix);
        Random.Shared.NextBytes(key.AsSpan(8, 23));
        key[31] = tail;
        return key;
    }

    private async Task SeedAsync(byte[] subjectKey, RecordCategory category)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var record = new CourtRecord
        {
            SourceId = "LOOKUP",
            CaseNumber = Guid.NewGuid().ToString("N"),
            Category = category,
            Status = RecordStatus.Active,
            DecisionDate = new DateOnly(2024, 1, 1),
            EffectiveFrom = new DateOnly(2024, 1, 1),
            Article = "art. 73",
            Region = "KZ-75",
            Court = "Test court",
            CreatedAt = now,
            UpdatedAt = now,
            Version = Guid.NewGuid(),
        };
        record.Subjects.Add(new RecordSubject { SubjectKey = subjectKey, SubjectKeyId = "test1" });
        db.Records.Add(record);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        return connection;
    }
}
