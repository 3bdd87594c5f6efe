using Registry.Service.Identity;
using Registry.Service.Records;

namespace Registry.Service.Import;

/// <summary>A row the service validated, with its identities keyed (subject keys, sorted, distinct): ready to apply.</summary>
internal sealed record ImportRow(
    long Line,
    string SourceId,
    string CaseNumber,
    RecordCategory Category,
    string? Article,
    string? Region,
    string? Court,
    DateOnly DecisionDate,
    DateOnly? EffectiveFrom,
    DateOnly? ExpiresAt,
    RecordStatus Status,
    IReadOnlyList<SubjectKey> Subjects);

/// <summary>A row the service refused: its line in the source file, the column at fault and why (never the value of an identity).</summary>
internal sealed record ImportRejection(long Line, string Field, string Reason);

/// <summary>What applying a batch did, row by row.</summary>
internal sealed record ImportBatchCounts(int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejections);
