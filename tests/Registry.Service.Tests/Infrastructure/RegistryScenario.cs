using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Records;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>Arranges partners, consents and records against a running <see cref="RegistryAppFactory"/>.</summary>
public sealed class RegistryScenario(RegistryAppFactory factory)
{
    public RegistryAppFactory Factory { get; } = factory;

    public AdminService.AdminServiceClient Admin => new(Factory.CreateChannel(Factory.AdminApiKey));

    public async Task<(string PartnerId, string ApiKey)> CreatePartnerAsync(Role role, params Purpose[] purposes)
    {
        var request = new CreatePartnerRequest { Name = $"{role}-{Guid.NewGuid():N}", Role = role };
        request.AllowedPurposes.Add(purposes);
        var response = await Admin.CreatePartnerAsync(request, cancellationToken: TestContext.Current.CancellationToken);
        return (response.Partner.PartnerId, response.ApiKey.ApiKey);
    }

    public async Task<string> CreatePartnerKeyAsync(params Purpose[] purposes) =>
        (await CreatePartnerAsync(Role.Partner, purposes.Length == 0 ? [Purpose.DatingSafety] : purposes)).ApiKey;

    public ConsentService.ConsentServiceClient Consents(string apiKey) => new(Factory.CreateChannel(apiKey));

    public CheckService.CheckServiceClient Checks(string apiKey) => new(Factory.CreateChannel(apiKey));

    public GrantConsentRequest GrantRequest(byte[] h1, Purpose purpose = Purpose.DatingSafety, ConsentScope scope = ConsentScope.Presence, int maxUses = 1) =>
        new()
        {
            H1 = ByteString.CopyFrom(h1),
            Purpose = purpose,
            Scope = scope,
            MaxUses = maxUses,
            Evidence = new ConsentEvidence
            {
                Kind = EvidenceKind.SmsOtp,
                Reference = "otp-" + Guid.NewGuid().ToString("N"),
                CapturedAt = Timestamp.FromDateTimeOffset(Factory.Clock.GetUtcNow().AddMinutes(-5)),
            },
        };

    public async Task<string> GrantAsync(string apiKey, byte[] h1, Purpose purpose = Purpose.DatingSafety, ConsentScope scope = ConsentScope.Presence, int maxUses = 1)
    {
        var response = await Consents(apiKey).GrantConsentAsync(GrantRequest(h1, purpose, scope, maxUses), cancellationToken: TestContext.Current.CancellationToken);
        return response.ConsentId;
    }

    public static CheckRequest CheckRequest(string consentId, byte[] h1, Purpose purpose = Purpose.DatingSafety) =>
        new() { ConsentId = consentId, H1 = ByteString.CopyFrom(h1), Purpose = purpose, RequestId = Guid.NewGuid().ToString() };

    /// <summary>Inserts a record for the subject <paramref name="h1"/> directly, as a writer of the records must (<see cref="RecordsVersionCommand.BumpSql"/>).</summary>
    public async Task<string> SeedRecordAsync(
        byte[] h1, Records.RecordCategory category, Records.RecordStatus status, DateOnly decisionDate, DateOnly? expiresAt = null, DateOnly? effectiveFrom = null)
    {
        using var scope = Factory.Services.CreateScope();
        var keyRing = scope.ServiceProvider.GetRequiredService<SubjectKeyRing>();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var subject = keyRing.Derive(h1);
        var record = new CourtRecord
        {
            SourceId = "TEST",
            CaseNumber = Guid.NewGuid().ToString("N"),
            Category = category,
            Status = status,
            DecisionDate = decisionDate,
            EffectiveFrom = effectiveFrom ?? decisionDate,
            ExpiresAt = expiresAt,
            Article = "ст. 73 ч.1 КоАП РК",
            Region = "KZ-75",
            Court = "Test court",
            CreatedAt = Factory.Clock.GetUtcNow().UtcDateTime,
            UpdatedAt = Factory.Clock.GetUtcNow().UtcDateTime,
            Version = Guid.NewGuid(),
        };
        record.Subjects.Add(new RecordSubject { SubjectKey = subject.Value, SubjectKeyId = subject.KeyId });
        db.Records.Add(record);
        // As every writer of the records must: count the change in its transaction, and forget this replica's facts.
        await using (var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync(RecordsVersionCommand.BumpSql, TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        scope.ServiceProvider.GetRequiredService<RecordFactsCache>().Invalidate();
        return record.CaseNumber;
    }
}
