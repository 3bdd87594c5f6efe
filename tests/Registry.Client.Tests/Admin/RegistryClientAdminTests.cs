using Google.Protobuf.WellKnownTypes;
using Registry.Client.Admin;
using Registry.Client.Consents;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests.Admin;

public sealed class RegistryClientAdminTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static P.Partner ProtoPartner => new()
    {
        PartnerId = "p-1", Name = "SafeDate", Role = P.Role.Partner, Suspended = true, CreatedAt = Timestamp.FromDateTimeOffset(At),
        AllowedPurposes = { P.Purpose.DatingSafety, P.Purpose.PersonalSafety },
    };

    [Fact]
    public async Task CreatePartner_Call_SendsFieldsAndMapsPartnerAndKey()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnCreatePartner = (_, _) => Task.FromResult(new P.CreatePartnerResponse
        {
            Partner = ProtoPartner,
            ApiKey = new P.IssuedApiKey { KeyId = "k-1", ApiKey = "rk_k-1_SECRETSECRET", CreatedAt = Timestamp.FromDateTimeOffset(At) },
            AuditEntryId = "a-1",
        });
        var sut = host.CreateClient();

        var created = await sut.CreatePartnerAsync("SafeDate", Role.Partner, [Purpose.DatingSafety, Purpose.PersonalSafety], Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.CreatePartnerRequest>());
        Assert.Equal("SafeDate", sent.Name);
        Assert.Equal(P.Role.Partner, sent.Role);
        Assert.Equal([P.Purpose.DatingSafety, P.Purpose.PersonalSafety], sent.AllowedPurposes);
        AssertPartner(created.Partner);
        Assert.Equal("k-1", created.ApiKey.KeyId);
        Assert.Equal("rk_k-1_SECRETSECRET", created.ApiKey.ApiKey);
        Assert.Equal(At, created.ApiKey.CreatedAt);
        Assert.Equal("a-1", created.ApiKey.AuditEntryId);
        Assert.Equal("a-1", created.AuditEntryId);
    }

    [Fact]
    public void IssuedApiKey_ToString_DoesNotPrintTheSecret()
    {
        var sut = RegistryModelFactory.IssuedApiKey("k-1", "rk_k-1_SECRETSECRET", At, "a-1");

        var text = sut.ToString();

        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.Contains("k-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListPartners_Response_MapsEveryPartner()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnListPartners = (_, _) => Task.FromResult(new P.ListPartnersResponse
        {
            Partners = { ProtoPartner, new P.Partner { PartnerId = "p-2", Role = P.Role.Auditor } },
        });
        var sut = host.CreateClient();

        var partners = await sut.ListPartnersAsync(Ct);

        Assert.Equal(2, partners.Count);
        AssertPartner(partners[0]);
        Assert.Equal(Role.Auditor, partners[1].Role);
        Assert.Empty(partners[1].AllowedPurposes);
    }

    [Fact]
    public async Task ListImportJobs_Call_SendsThePageAndMapsEveryJob()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var started = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        host.Admin.OnListImportJobs = (_, _) => Task.FromResult(new P.ListImportJobsResponse
        {
            HasMore = true,
            Jobs =
            {
                new P.ImportJob
                {
                    ImportId = "imp_2", SourceName = "court.csv", Status = P.ImportJobStatus.Completed, PartnerId = "p-1", KeyId = "k-1",
                    StartedAt = Timestamp.FromDateTimeOffset(started), UpdatedAt = Timestamp.FromDateTimeOffset(started.AddMinutes(1)),
                    FinishedAt = Timestamp.FromDateTimeOffset(started.AddMinutes(1)), Batches = 3, Inserted = 2500, Updated = 2, Unchanged = 1, Rejected = 7,
                },
                new P.ImportJob { ImportId = "imp_1", Status = P.ImportJobStatus.Abandoned, StartedAt = Timestamp.FromDateTimeOffset(started), UpdatedAt = Timestamp.FromDateTimeOffset(started) },
            },
        });
        var sut = host.CreateClient();

        var page = await sut.ListImportJobsAsync(50, "imp_3", Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.ListImportJobsRequest>());
        Assert.Equal((50, "imp_3"), (sent.PageSize, sent.BeforeImportId));
        Assert.True(page.HasMore);
        var job = page.Jobs[0];
        Assert.Equal(
            ("imp_2", "court.csv", ImportJobStatus.Completed, "p-1", "k-1", 3L, 2500L, 2L, 1L, 7L),
            (job.ImportId, job.SourceName, job.Status, job.PartnerId, job.KeyId, job.Batches, job.Inserted, job.Updated, job.Unchanged, job.Rejected));
        Assert.Equal((started, started.AddMinutes(1), (DateTimeOffset?)started.AddMinutes(1)), (job.StartedAt, job.UpdatedAt, job.FinishedAt));
        Assert.Equal(ImportJobStatus.Abandoned, page.Jobs[1].Status);
        Assert.Null(page.Jobs[1].FinishedAt);
    }

    [Fact]
    public async Task SetPartnerSuspended_Call_SendsFieldsAndMapsPartner()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnSetPartnerSuspended = (_, _) =>
            Task.FromResult(new P.SetPartnerSuspendedResponse { Partner = ProtoPartner, AuditEntryId = "a-2" });
        var sut = host.CreateClient();

        var result = await sut.SetPartnerSuspendedAsync("p-1", suspended: true, "enumeration pattern", Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.SetPartnerSuspendedRequest>());
        Assert.Equal(("p-1", true, "enumeration pattern"), (sent.PartnerId, sent.Suspended, sent.Reason));
        AssertPartner(result.Partner);
        Assert.Equal("a-2", result.AuditEntryId);
    }

    [Fact]
    public async Task IssueApiKey_Call_SendsPartnerAndMapsKey()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnIssueApiKey = (_, _) => Task.FromResult(new P.IssueApiKeyResponse
        {
            ApiKey = new P.IssuedApiKey { KeyId = "k-2", ApiKey = "rk_k-2_S", CreatedAt = Timestamp.FromDateTimeOffset(At) },
            AuditEntryId = "a-3",
        });
        var sut = host.CreateClient();

        var key = await sut.IssueApiKeyAsync("p-1", Ct);

        Assert.Equal("p-1", Assert.Single(host.Recorder.RequestsOf<P.IssueApiKeyRequest>()).PartnerId);
        Assert.Equal(("k-2", "rk_k-2_S", At, "a-3"), (key.KeyId, key.ApiKey, key.CreatedAt, key.AuditEntryId));
    }

    [Fact]
    public async Task RevokeApiKey_Call_SendsKeyIdAndMapsReceipt()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnRevokeApiKey = (_, _) =>
            Task.FromResult(new P.RevokeApiKeyResponse { RevokedAt = Timestamp.FromDateTimeOffset(At), AuditEntryId = "a-4" });
        var sut = host.CreateClient();

        var result = await sut.RevokeApiKeyAsync("k-2", Ct);

        Assert.Equal("k-2", Assert.Single(host.Recorder.RequestsOf<P.RevokeApiKeyRequest>()).KeyId);
        Assert.Equal((At, "a-4"), (result.RevokedAt, result.AuditEntryId));
    }

    [Fact]
    public async Task CorrectRecord_AllArguments_AreSent()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnCorrectRecord = (_, _) => Task.FromResult(new P.CorrectRecordResponse { AuditEntryId = "a-5" });
        var sut = host.CreateClient();

        var result = await sut.CorrectRecordAsync("court-1", "2-123/2024", "appeal", RecordStatus.Overturned, new DateOnly(2027, 1, 31), Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.CorrectRecordRequest>());
        Assert.Equal(("court-1", "2-123/2024", "appeal"), (sent.SourceId, sent.CaseNumber, sent.Reason));
        Assert.Equal(P.RecordStatus.Overturned, sent.Status);
        Assert.Equal((2027, 1, 31), (sent.ExpiresAt.Year, sent.ExpiresAt.Month, sent.ExpiresAt.Day));
        Assert.Equal("a-5", result.AuditEntryId);
    }

    [Fact]
    public async Task CorrectRecord_NoChangedFields_SendsUnspecifiedStatusAndNoDate()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        await sut.CorrectRecordAsync("court-1", "2-123/2024", "typo", cancellationToken: Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.CorrectRecordRequest>());
        Assert.Equal(P.RecordStatus.Unspecified, sent.Status);
        Assert.Null(sent.ExpiresAt);
    }

    [Fact]
    public async Task ExpungeRecord_Call_SendsKeyAndReason()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnExpungeRecord = (_, _) => Task.FromResult(new P.ExpungeRecordResponse { AuditEntryId = "a-6" });
        var sut = host.CreateClient();

        var result = await sut.ExpungeRecordAsync("court-1", "2-123/2024", "court order", Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.ExpungeRecordRequest>());
        Assert.Equal(("court-1", "2-123/2024", "court order"), (sent.SourceId, sent.CaseNumber, sent.Reason));
        Assert.Equal("a-6", result.AuditEntryId);
    }

    private static void AssertPartner(PartnerInfo partner)
    {
        Assert.Equal("p-1", partner.PartnerId);
        Assert.Equal("SafeDate", partner.Name);
        Assert.Equal(Role.Partner, partner.Role);
        Assert.Equal([Purpose.DatingSafety, Purpose.PersonalSafety], partner.AllowedPurposes);
        Assert.True(partner.IsSuspended);
        Assert.Equal(At, partner.CreatedAt);
    }
}
