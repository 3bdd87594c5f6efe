using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Checks;

/// <summary>
/// Two real service processes on one SQLite file (replicas): a record corrected or expunged, or a consent revoked,
/// through one replica holds for the very next check on the other (the check path caches nothing, so the bound
/// is the commit itself); and concurrent checks on both never use a consent more than <c>max_uses</c> times.
/// </summary>
public sealed class CheckFreshnessTwoProcessTests : IDisposable
{
    private readonly SharedFileReplicas _replicas = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task Check_AfterACorrectionExpungeOrRevocationThroughTheOtherReplica_SeesItAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var (writer, reader, partnerKey) = await StartTwoAsync();
        var h1 = TestKeys.NewH1();
        var caseNumber = await SeedRecordAsync(h1);
        var admin = new AdminService.AdminServiceClient(writer.CreateChannel(await _replicas.AdminKeyAsync()));
        var consentId = await GrantAsync(writer, partnerKey, h1, maxUses: 10);
        var checks = new CheckService.CheckServiceClient(reader.CreateChannel(partnerKey));

        var found = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct);
        await admin.CorrectRecordAsync(new CorrectRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Status = RecordStatus.Overturned, Reason = "appeal" }, cancellationToken: ct);
        var afterOverturn = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct);
        await admin.CorrectRecordAsync(new CorrectRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Status = RecordStatus.Active, Reason = "appeal reversed" }, cancellationToken: ct);
        var afterRestore = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct);
        await admin.ExpungeRecordAsync(new ExpungeRecordRequest { SourceId = "TEST", CaseNumber = caseNumber, Reason = "court order" }, cancellationToken: ct);
        var afterExpunge = await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct);
        await new ConsentService.ConsentServiceClient(writer.CreateChannel(partnerKey))
            .RevokeConsentAsync(new RevokeConsentRequest { ConsentId = consentId }, cancellationToken: ct);

        var afterRevoke = await Assert.ThrowsAsync<RpcException>(async () =>
            await checks.CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct));

        Assert.Equal(CheckOutcome.RecordFound, found.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, afterOverturn.Outcome);
        Assert.Equal(CheckOutcome.RecordFound, afterRestore.Outcome);
        Assert.Equal(CheckOutcome.NoRecord, afterExpunge.Outcome);
        Assert.Equal(StatusCode.PermissionDenied, afterRevoke.StatusCode);
        Assert.Equal("CONSENT_REVOKED", RpcAssert.Reason(afterRevoke));
    }

    [Fact(Timeout = 90_000)]
    public async Task Check_ConcurrentOnBothReplicas_NeverUsesAConsentMoreThanMaxUses()
    {
        var ct = TestContext.Current.CancellationToken;
        const int maxUses = 5;
        const int attempts = 40;
        var (first, second, partnerKey) = await StartTwoAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await GrantAsync(first, partnerKey, h1, maxUses);
        var clients = new[] { first, second }.Select(p => new CheckService.CheckServiceClient(p.CreateChannel(partnerKey))).ToArray();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, attempts).Select(async i =>
        {
            try
            {
                await clients[i % 2].CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: ct);
                return "OK";
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
            {
                return RpcAssert.Reason(ex);
            }
        }));

        Assert.Equal(maxUses, outcomes.Count(o => o == "OK"));
        Assert.Equal(attempts - maxUses, outcomes.Count(o => o == "CONSENT_USED_UP"));
        Assert.Equal(maxUses, await ScalarAsync($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        Assert.Equal(attempts, await ScalarAsync($"SELECT COUNT(*) FROM audit_entries WHERE ConsentId = '{consentId}' AND Action = 'check'"));
    }

    public void Dispose() => _replicas.Dispose();

    private async Task<(ServiceProcess First, ServiceProcess Second, string PartnerKey)> StartTwoAsync()
    {
        var first = await _replicas.StartAsync();
        var second = await _replicas.StartAsync();
        var admin = new AdminService.AdminServiceClient(first.CreateChannel(await _replicas.AdminKeyAsync()));
        var request = new CreatePartnerRequest { Name = $"partner-{Guid.NewGuid():N}", Role = Role.Partner };
        request.AllowedPurposes.Add(Purpose.DatingSafety);
        var partner = await admin.CreatePartnerAsync(request, cancellationToken: Ct);
        return (first, second, partner.ApiKey.ApiKey);
    }

    private static async Task<string> GrantAsync(ServiceProcess process, string partnerKey, byte[] h1, int maxUses)
    {
        var request = new GrantConsentRequest
        {
            H1 = ByteString.CopyFrom(h1),
            Purpose = Purpose.DatingSafety,
            Scope = ConsentScope.Summary,
            MaxUses = maxUses,
            Evidence = new ConsentEvidence
            {
                Kind = EvidenceKind.SmsOtp,
                Reference = "otp",
                CapturedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddMinutes(-1)),
            },
        };
        var grant = await new ConsentService.ConsentServiceClient(process.CreateChannel(partnerKey)).GrantConsentAsync(request, cancellationToken: Ct);
        return grant.ConsentId;
    }

    /// <summary>A disclosable record for <paramref name="h1"/>, written into the shared file from outside both processes.</summary>
    private async Task<string> SeedRecordAsync(byte[] h1)
    {
        var caseNumber = "CASE-" + Guid.NewGuid().ToString("N");
        var subjectKey = HMACSHA256.HashData(Convert.FromBase64String(TestKeys.SubjectKeySecret), h1);
        var decided = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await using var connection = await _replicas.OpenAsync(readOnly: false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA busy_timeout=10000;
            INSERT INTO records (SourceId, CaseNumber, Category, Article, Region, Court, DecisionDate, EffectiveFrom, ExpiresAt, Status, CreatedAt, UpdatedAt, Version)
            VALUES ('TEST', $case, 'AdministrativeOffense', 'art. 73', 'KZ-75', 'court', $decided, $decided, NULL, 'Active', '2026-01-01 00:00:00', '2026-01-01 00:00:00', $version);
            INSERT INTO record_subjects (RecordId, SubjectKey, SubjectKeyId) VALUES (last_insert_rowid(), $key, 'test1');
            """;
        command.Parameters.AddWithValue("$case", caseNumber);
        command.Parameters.AddWithValue("$decided", decided);
        command.Parameters.AddWithValue("$version", Guid.NewGuid().ToString().ToUpperInvariant()); // as EF stores a Guid on SQLite
        command.Parameters.AddWithValue("$key", subjectKey);
        await command.ExecuteNonQueryAsync(Ct);
        return caseNumber;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _replicas.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
