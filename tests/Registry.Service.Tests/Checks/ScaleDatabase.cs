using Microsoft.Data.Sqlite;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// A migrated registry of realistic size: 1,000,000 records, 1,050,000 subject links (5 % of records have two
/// identities) and 100,000 consents, filled inside SQLite with recursive CTEs (seconds, not minutes), then
/// ANALYZEd so the planner sees the real row counts. Subject keys and their prefixes are drawn independently here (SQL
/// has no blob-to-integer cast): the planner only sees their distribution; the lookups' results are tested end to end.
/// </summary>
public sealed class ScaleDatabase : IAsyncLifetime
{
    public const int Records = 1_000_000;
    public const int Consents = 100_000;

    public RegistryAppFactory Factory { get; } = new();

    public async ValueTask InitializeAsync()
    {
        var scenario = new RegistryScenario(Factory);
        var (partnerId, _) = await scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        await using var connection = new SqliteConnection($"Data Source={Factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 600;
        command.CommandText = $"""
            PRAGMA cache_size=-262144;
            BEGIN;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Records})
            INSERT INTO records (Id, SourceId, CaseNumber, Category, Article, Region, Court, DecisionDate, EffectiveFrom, ExpiresAt, Status, CreatedAt, UpdatedAt, Version)
            SELECT i, 'SRC' || (i % 20), 'C-' || i,
                   CASE i % 4 WHEN 0 THEN 'ProtectiveOrder' WHEN 1 THEN 'RestrainingOrder' WHEN 2 THEN 'AdministrativeOffense' ELSE 'CriminalConviction' END,
                   'art. 73', 'KZ-75', 'court', '2024-01-01', NULL, NULL, 'Active', '2026-01-01 00:00:00', '2026-01-01 00:00:00', lower(hex(randomblob(16)))
            FROM n;
            INSERT INTO record_subjects (RecordId, SubjectKey, SubjectKeyId, SubjectPrefix) SELECT Id, randomblob(32), 'test1', random() FROM records;
            INSERT INTO record_subjects (RecordId, SubjectKey, SubjectKeyId, SubjectPrefix) SELECT Id, randomblob(32), 'test1', random() FROM records WHERE Id % 20 = 0;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Consents})
            INSERT INTO consents (Id, PartnerId, SubjectKey, SubjectKeyId, Purpose, Scope, GrantedAt, ExpiresAt, RevokedAt, MaxUses, Uses, LastRequestId, EvidenceKind, EvidenceReference, EvidenceCapturedAt)
            SELECT 'c_' || lower(hex(randomblob(16))), $partner, randomblob(32), 'test1', 'DatingSafety', 'Summary',
                   '2026-11-25 10:00:00', '2026-12-25 10:00:00', NULL, 100, 0, NULL, 'SmsOtp', 'otp', '2026-11-25 09:55:00'
            FROM n;
            COMMIT;
            ANALYZE;
            """;
        command.Parameters.AddWithValue("$partner", partnerId);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
