using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// A state change that must commit atomically with its audit entry (e.g. a consent insert, a check's use
/// count). It runs inside the audit log's transaction on <paramref name="db"/> and returns null when
/// applied, or a refusal reason when it could not be applied (the entry is then recorded as refused with
/// that reason, and nothing else is written).
/// </summary>
public delegate Task<string?> AuditedChange(RegistryDbContext db, CancellationToken cancellationToken);
