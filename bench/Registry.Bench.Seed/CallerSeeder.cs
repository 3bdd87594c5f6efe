using Registry.Service.Consent;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;

namespace Registry.Bench.Seed;

/// <summary>Adds a partner, auditor or admin with one API key from the service's <see cref="ApiKeyIssuer"/>, through EF Core.</summary>
public sealed class CallerSeeder(RegistryDbContext db, ApiKeyIssuer issuer, DateTime now)
{
    public async Task<SeedCaller> AddAsync(string name, PartnerRole role, List<ConsentPurpose> purposes, CancellationToken cancellationToken)
    {
        var partner = new Partner
        {
            Id = PartnerIds.New(),
            Name = name,
            NormalizedName = PartnerNames.Key(name) ?? name,
            Role = role,
            AllowedPurposes = purposes,
            CreatedAt = now,
            Version = Guid.NewGuid(),
        };
        var (key, issued) = issuer.Create(partner.Id, now);
        db.Partners.Add(partner);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new SeedCaller(partner.Id, name, issued.ApiKey);
    }
}
