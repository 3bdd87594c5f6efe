using System.Security.Cryptography;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Registry.Bench.Seed;
using Registry.Protos.V1;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Bench.Load;

/// <summary>
/// Arranges the load: a partner and an auditor created through the admin API, many consents granted through
/// the consent API (one subject each, <c>max_uses</c> 100), and records seeded directly for some subjects
/// (the import is a later capability) so that some checks find one.
/// </summary>
public sealed class BenchScenario
{
    private BenchScenario(
        string partnerKey, string auditorKey, IReadOnlyList<(string ConsentId, byte[] H1)> consents,
        IReadOnlyList<(string ConsentId, byte[] H1)>? found = null, IReadOnlyList<(string ConsentId, byte[] H1)>? noRecord = null)
    {
        PartnerKey = partnerKey;
        AuditorKey = auditorKey;
        Consents = consents;
        Found = found ?? [];
        NoRecord = noRecord ?? [];
    }

    /// <summary>The consents whose checks are expected to find a record (seeded scenarios only).</summary>
    public IReadOnlyList<(string ConsentId, byte[] H1)> Found { get; }

    /// <summary>The consents whose checks are expected to find none (seeded scenarios only).</summary>
    public IReadOnlyList<(string ConsentId, byte[] H1)> NoRecord { get; }

    /// <summary>The partner, auditor and consents of a database filled by Registry.Bench.Seed.</summary>
    public static BenchScenario FromManifest(SeedManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var all = manifest.Consents.Select(c => (c.ConsentId, Convert.FromBase64String(c.H1), c.Expected)).ToArray();
        return new BenchScenario(
            manifest.Partner.ApiKey, manifest.Auditor.ApiKey, all.Select(c => (c.ConsentId, c.Item2)).ToArray(),
            all.Where(c => c.Expected == SeedManifest.RecordFound).Select(c => (c.ConsentId, c.Item2)).ToArray(),
            all.Where(c => c.Expected == SeedManifest.NoRecord).Select(c => (c.ConsentId, c.Item2)).ToArray());
    }

    public string PartnerKey { get; }

    public string AuditorKey { get; }

    public IReadOnlyList<(string ConsentId, byte[] H1)> Consents { get; }

    public static async Task<BenchScenario> CreateAsync(BenchHost host, int consentCount, int recordEvery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var adminChannel = BenchChannel.Create(host.Address, host.AdminApiKey);
        var admin = new AdminService.AdminServiceClient(adminChannel);
        var partner = await CreatePartnerAsync(admin, Role.Partner, cancellationToken);
        var auditor = await CreatePartnerAsync(admin, Role.Auditor, cancellationToken);

        using var channel = BenchChannel.Create(host.Address, partner);
        var consentClient = new ConsentService.ConsentServiceClient(channel);
        var consents = new (string, byte[])[consentCount];
        var now = TimeProvider.System.GetUtcNow();
        await Parallel.ForAsync(0, consentCount, new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var h1 = RandomNumberGenerator.GetBytes(32);
            var response = await consentClient.GrantConsentAsync(GrantRequest(h1, now), cancellationToken: ct);
            consents[i] = (response.ConsentId, h1);
        });

        await SeedRecordsAsync(host, consents.Where((_, i) => i % recordEvery == 0).Select(c => c.Item2), now, cancellationToken);
        return new BenchScenario(partner, auditor, consents);
    }

    private static async Task<string> CreatePartnerAsync(AdminService.AdminServiceClient admin, Role role, CancellationToken cancellationToken)
    {
        var request = new CreatePartnerRequest { Name = $"bench-{role}-{Guid.NewGuid():N}", Role = role };
        if (role == Role.Partner)
        {
            request.AllowedPurposes.Add(Purpose.DatingSafety);
        }

        var response = await admin.CreatePartnerAsync(request, cancellationToken: cancellationToken);
        return response.ApiKey.ApiKey;
    }

    private static GrantConsentRequest GrantRequest(byte[] h1, DateTimeOffset now) => new()
    {
        H1 = ByteString.CopyFrom(h1),
        Purpose = Purpose.DatingSafety,
        Scope = Protos.V1.ConsentScope.Summary,
        MaxUses = 100,
        Evidence = new ConsentEvidence
        {
            Kind = Protos.V1.EvidenceKind.SmsOtp,
            Reference = "otp-" + Guid.NewGuid().ToString("N"),
            CapturedAt = Timestamp.FromDateTimeOffset(now.AddMinutes(-5)),
        },
    };

    private static async Task SeedRecordsAsync(BenchHost host, IEnumerable<byte[]> subjects, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var scope = host.Services.CreateScope();
        var keyRing = scope.ServiceProvider.GetRequiredService<SubjectKeyRing>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var decided = DateOnly.FromDateTime(now.UtcDateTime).AddYears(-1);
        foreach (var h1 in subjects)
        {
            var subject = keyRing.Derive(h1);
            var record = new CourtRecord
            {
                SourceId = "BENCH",
                CaseNumber = Guid.NewGuid().ToString("N"),
                Category = Service.Records.RecordCategory.AdministrativeOffense,
                Status = Service.Records.RecordStatus.Active,
                DecisionDate = decided,
                EffectiveFrom = decided,
                Article = "bench",
                Region = "KZ-75",
                Court = "Bench court",
                CreatedAt = now.UtcDateTime,
                UpdatedAt = now.UtcDateTime,
                Version = Guid.NewGuid(),
            };
            record.Subjects.Add(new RecordSubject { SubjectKey = subject.Value, SubjectKeyId = subject.KeyId });
            db.Records.Add(record);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
