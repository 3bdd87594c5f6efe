using Microsoft.EntityFrameworkCore;
using Registry.Service.Audit;
using Registry.Service.Consent;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Quotas;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Partners;

/// <summary>Creates partners, issues and revokes keys, suspends partners. Every change is audited with it.</summary>
public sealed class PartnerAdministration(
    RegistryDbContext db,
    IAuditLog auditLog,
    ApiKeyIssuer issuer,
    ApiKeyVerifier verifier,
    TimeProvider timeProvider)
{
    public const int MaxNameLength = Partner.MaxNameLength;

    public async Task<(Partner Partner, IssuedKey Key, string AuditEntryId)> CreateAsync(
        Caller? caller, CreatePartnerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (name, key, role, purposes) = Validate(command);
        if (await db.Partners.AsNoTracking().Where(p => p.NormalizedName == key).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken) is { } existing)
        {
            throw PartnerErrors.PartnerExists(name, existing);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var partner = new Partner
        {
            Id = PartnerIds.New(),
            Name = name,
            NormalizedName = key,
            Role = role,
            AllowedPurposes = purposes,
            CreatedAt = now,
            Version = Guid.NewGuid(),
        };
        var (apiKey, issued) = issuer.Create(partner.Id, now);
        var receipt = await auditLog.AppendAsync(Record(caller, AuditActions.PartnerCreate, $"partner={partner.Id};role={ContractNames.Of(role)};key={apiKey.Id}"), async (tx, ct) =>
        {
            // Again inside the audit transaction: another administrator may have created the name since the check above.
            // The unique index on the key is the last word; this only turns a lost race into PARTNER_EXISTS.
            if (await tx.Partners.AnyAsync(p => p.NormalizedName == key, ct))
            {
                return PartnerErrors.PartnerExistsReason;
            }

            tx.Partners.Add(partner);
            tx.ApiKeys.Add(apiKey);
            try
            {
                // Saved here rather than by the writer, so that a replica that lost the race (the index refuses the
                // name on PostgreSQL or SQL Server) answers PARTNER_EXISTS, not AUDIT_UNAVAILABLE.
                await tx.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                return PartnerErrors.PartnerExistsReason;
            }

            return null;
        }, cancellationToken);
        if (receipt.IsRefused)
        {
            throw PartnerErrors.PartnerExists(name, name);
        }

        return (partner, issued, receipt.EntryId);
    }

    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken cancellationToken) =>
        await db.Partners.AsNoTracking().OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    public async Task<(IssuedKey Key, string AuditEntryId)> IssueKeyAsync(Caller caller, string partnerId, CancellationToken cancellationToken)
    {
        RequestValidation.ThrowUnlessIdentifier("partner_id", partnerId, PartnerIds.MaxLength);
        if (!await db.Partners.AsNoTracking().AnyAsync(p => p.Id == partnerId, cancellationToken))
        {
            throw PartnerErrors.PartnerNotFound(partnerId);
        }

        var (key, issued) = issuer.Create(partnerId, timeProvider.GetUtcNow().UtcDateTime);
        var receipt = await auditLog.AppendAsync(Record(caller, AuditActions.KeyIssue, $"partner={partnerId};key={key.Id}"), (tx, _) =>
        {
            tx.ApiKeys.Add(key);
            return Task.FromResult<string?>(null);
        }, cancellationToken);
        return (issued, receipt.EntryId);
    }

    public async Task<(DateTime RevokedAt, string AuditEntryId)> RevokeKeyAsync(Caller caller, string keyId, CancellationToken cancellationToken)
    {
        RequestValidation.ThrowUnlessIdentifier("key_id", keyId, PartnerIds.MaxKeyIdLength);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken)
            ?? throw PartnerErrors.KeyNotFound(keyId);
        if (key.RevokedAt is not null)
        {
            throw PartnerErrors.KeyAlreadyRevoked(keyId);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var receipt = await auditLog.AppendAsync(Record(caller, AuditActions.KeyRevoke, $"partner={key.PartnerId};key={keyId}"), async (tx, ct) =>
        {
            var changed = await tx.ApiKeys.Where(k => k.Id == keyId && k.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
            return changed == 1 ? null : "API_KEY_ALREADY_REVOKED";
        }, cancellationToken);
        if (receipt.IsRefused)
        {
            throw PartnerErrors.KeyAlreadyRevoked(keyId);
        }

        verifier.Evict(keyId);
        return (now, receipt.EntryId);
    }

    /// <summary>
    /// Sets the partner's own quota, or with (0, 0) returns it to the service's defaults; audited. Holds on every replica
    /// once its key cache forgets the partner (this replica: at once).
    /// </summary>
    public async Task<(Partner Partner, string AuditEntryId)> SetQuotaAsync(
        Caller caller, string partnerId, int permitsPerSecond, int burst, string reason, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestValidation.Identifier(violations, "partner_id", partnerId, PartnerIds.MaxLength);
        var reset = permitsPerSecond == 0 && burst == 0;
        if (!reset && permitsPerSecond is < 1 or > QuotaOptions.MaxPermitsPerSecond)
        {
            violations.Add(new FieldViolation("permits_per_second", $"must be 1..{QuotaOptions.MaxPermitsPerSecond} (or 0 with burst 0 for the default)"));
        }

        if (!reset && burst is < QuotaOptions.MinBurst or > QuotaOptions.MaxBurst)
        {
            violations.Add(new FieldViolation("burst", $"must be {QuotaOptions.MinBurst}..{QuotaOptions.MaxBurst} (or 0 with permits_per_second 0 for the default)"));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            violations.Add(new FieldViolation("reason", "is required, at most 500 characters"));
        }

        RequestValidation.ThrowIfAny(violations);
        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
            ?? throw PartnerErrors.PartnerNotFound(partnerId);
        int? newRate = reset ? null : permitsPerSecond;
        int? newBurst = reset ? null : burst;
        var detail = reset ? $"partner={partnerId};quota=default;reason={reason}" : $"partner={partnerId};quota={permitsPerSecond}/s,burst={burst};reason={reason}";
        var receipt = await auditLog.AppendAsync(Record(caller, AuditActions.PartnerQuota, detail), async (tx, ct) =>
        {
            await tx.Partners.Where(p => p.Id == partnerId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.QuotaPermitsPerSecond, newRate).SetProperty(p => p.QuotaBurst, newBurst)
                    .SetProperty(p => p.Version, Guid.NewGuid()), ct);
            return null;
        }, cancellationToken);
        verifier.EvictPartner(partnerId);
        partner.QuotaPermitsPerSecond = newRate;
        partner.QuotaBurst = newBurst;
        return (partner, receipt.EntryId);
    }

    /// <summary>
    /// Suspends or reinstates a partner. <paramref name="caller"/> is null when the service decides (the enumeration
    /// watch), which then names its <paramref name="decision"/> as the entry's reason.
    /// </summary>
    public async Task<(Partner Partner, string AuditEntryId)> SetSuspendedAsync(
        Caller? caller, string partnerId, bool suspended, string reason, CancellationToken cancellationToken, string decision = "ADMIN_DECISION")
    {
        var violations = new List<FieldViolation>();
        RequestValidation.Identifier(violations, "partner_id", partnerId, PartnerIds.MaxLength);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            violations.Add(new FieldViolation("reason", "is required, at most 500 characters"));
        }

        RequestValidation.ThrowIfAny(violations);

        var partner = await db.Partners.AsNoTracking().SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken)
            ?? throw PartnerErrors.PartnerNotFound(partnerId);
        var action = suspended ? AuditActions.PartnerSuspend : AuditActions.PartnerReinstate;
        var receipt = await auditLog.AppendAsync(Record(caller, action, $"partner={partnerId};reason={reason}") with { Reason = decision }, async (tx, ct) =>
        {
            await tx.Partners.Where(p => p.Id == partnerId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsSuspended, suspended).SetProperty(p => p.Version, Guid.NewGuid()), ct);
            return null;
        }, cancellationToken);
        verifier.EvictPartner(partnerId);
        partner.IsSuspended = suspended;
        return (partner, receipt.EntryId);
    }

    private static AuditRecord Record(Caller? caller, string action, string detail) =>
        new() { Action = action, Actor = caller, Outcome = AuditOutcomes.Ok, Detail = detail };

    private static (string Name, string Key, PartnerRole Role, List<ConsentPurpose> Purposes) Validate(CreatePartnerCommand command)
    {
        var violations = new List<FieldViolation>();
        var name = command.Name?.Trim() ?? string.Empty;
        var key = name.Length > MaxNameLength ? null : PartnerNames.Key(name);
        if (name.Length is 0 or > MaxNameLength || key is not { Length: > 0 and <= MaxNameLength })
        {
            violations.Add(new FieldViolation("name", $"is required, 1..{MaxNameLength} characters of valid Unicode, not only white space or invisible characters"));
        }

        if (command.Role is null)
        {
            violations.Add(new FieldViolation("role", "is required: " + ContractNames.Choices<V1.Role>()));
        }

        if (command.AllowedPurposes.Any(p => p is null))
        {
            violations.Add(new FieldViolation("allowed_purposes", "contains an unspecified or unknown purpose"));
        }

        var purposes = command.AllowedPurposes.OfType<ConsentPurpose>().Distinct().ToList();
        if (command.Role == PartnerRole.Partner && purposes.Count == 0)
        {
            violations.Add(new FieldViolation("allowed_purposes", "a partner needs at least one purpose"));
        }
        else if (command.Role is PartnerRole.Auditor or PartnerRole.Admin && purposes.Count > 0)
        {
            violations.Add(new FieldViolation("allowed_purposes", "only partners have purposes (roles are disjoint)"));
        }

        RequestValidation.ThrowIfAny(violations);
        return (name, key!, command.Role!.Value, purposes);
    }
}
