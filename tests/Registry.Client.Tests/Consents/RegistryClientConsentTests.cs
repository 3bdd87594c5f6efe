using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests.Consents;

public sealed class RegistryClientConsentTests
{
    private static readonly DateTimeOffset CapturedAt = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GrantConsent_AllArguments_AreSentAsProtoFields()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();
        var subject = SubjectIdentity.FromIin("900521389141");
        var evidence = new ConsentEvidence(EvidenceKind.DigitalSignature, "ev-42", CapturedAt);

        await sut.GrantConsentAsync(subject, Purpose.TenancyScreening, ConsentScope.Summary, evidence,
            TimeSpan.FromDays(7), maxUses: 5, requestId: "req-1", cancellationToken: Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.GrantConsentRequest>());
        Assert.Equal(subject.H1.ToArray(), sent.H1.ToByteArray());
        Assert.Equal(P.Purpose.TenancyScreening, sent.Purpose);
        Assert.Equal(P.ConsentScope.Summary, sent.Scope);
        Assert.Equal(P.EvidenceKind.DigitalSignature, sent.Evidence.Kind);
        Assert.Equal("ev-42", sent.Evidence.Reference);
        Assert.Equal(CapturedAt, sent.Evidence.CapturedAt.ToDateTimeOffset());
        Assert.Equal(TimeSpan.FromDays(7), sent.ValidFor.ToTimeSpan());
        Assert.Equal(5, sent.MaxUses);
        Assert.Equal("req-1", sent.RequestId);
    }

    [Fact]
    public async Task GrantConsent_OptionalArgumentsOmitted_SendsDefaultsAndGeneratedRequestId()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        await sut.GrantConsentAsync(SubjectIdentity.FromIin("900521389141"), Purpose.DatingSafety, ConsentScope.Presence,
            new ConsentEvidence(EvidenceKind.SmsOtp, "otp-1", CapturedAt), cancellationToken: Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.GrantConsentRequest>());
        Assert.Null(sent.ValidFor);
        Assert.Equal(0, sent.MaxUses);
        Assert.Equal(32, sent.RequestId.Length);
    }

    [Fact]
    public async Task GrantConsent_AnyCall_SendsBearerApiKey()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        await sut.GrantConsentAsync(SubjectIdentity.FromIin("900521389141"), Purpose.DatingSafety, ConsentScope.Presence,
            new ConsentEvidence(EvidenceKind.SmsOtp, "otp-1", CapturedAt), cancellationToken: Ct);

        Assert.Equal("Bearer " + RegistryTestHost.ApiKey, Assert.Single(host.Recorder.Calls).Authorization);
    }

    [Fact]
    public async Task GrantConsent_Response_IsMappedToGrantedConsent()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGrantConsent = (_, _) => Task.FromResult(new P.GrantConsentResponse
        {
            ConsentId = "c-1", ExpiresAt = Timestamp.FromDateTimeOffset(CapturedAt.AddDays(30)), MaxUses = 3, AuditEntryId = "a-1",
        });
        var sut = host.CreateClient();

        var result = await sut.GrantConsentAsync(SubjectIdentity.FromIin("900521389141"), Purpose.DatingSafety, ConsentScope.Presence,
            new ConsentEvidence(EvidenceKind.InAppAttestation, "x", CapturedAt), cancellationToken: Ct);

        Assert.Equal("c-1", result.ConsentId);
        Assert.Equal(CapturedAt.AddDays(30), result.ExpiresAt);
        Assert.Equal(3, result.MaxUses);
        Assert.Equal("a-1", result.AuditEntryId);
    }

    [Fact]
    public async Task GrantConsent_UndefinedPurpose_ThrowsBeforeSending()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => sut.GrantConsentAsync(SubjectIdentity.FromIin("900521389141"),
            (Purpose)0, ConsentScope.Presence, new ConsentEvidence(EvidenceKind.SmsOtp, "x", CapturedAt), cancellationToken: Ct));

        Assert.Empty(host.Recorder.Calls);
    }

    [Fact]
    public async Task RevokeConsent_Call_SendsIdsAndMapsResponse()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnRevokeConsent = (_, _) => Task.FromResult(new P.RevokeConsentResponse
        {
            RevokedAt = Timestamp.FromDateTimeOffset(CapturedAt), AuditEntryId = "a-2",
        });
        var sut = host.CreateClient();

        var result = await sut.RevokeConsentAsync("c-1", "req-9", Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.RevokeConsentRequest>());
        Assert.Equal(("c-1", "req-9"), (sent.ConsentId, sent.RequestId));
        Assert.Equal(CapturedAt, result.RevokedAt);
        Assert.Equal("a-2", result.AuditEntryId);
    }

    [Fact]
    public async Task RevokeConsent_AlreadyRevoked_ThrowsConflictWithReason()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnRevokeConsent = (_, _) => throw RpcErrors.Exception(StatusCode.FailedPrecondition, "CONSENT_ALREADY_REVOKED");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryConflictException>(() => sut.RevokeConsentAsync("c-1", "req-9", Ct));

        Assert.Equal("CONSENT_ALREADY_REVOKED", ex.ErrorCode);
        Assert.Equal("req-9", ex.RequestId);
    }

    [Fact]
    public async Task GetConsent_Response_MapsEveryField()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGetConsent = (_, _) => Task.FromResult(new P.GetConsentResponse
        {
            Consent = new P.Consent
            {
                ConsentId = "c-1", Purpose = P.Purpose.EmploymentScreening, Scope = P.ConsentScope.Summary,
                GrantedAt = Timestamp.FromDateTimeOffset(CapturedAt), ExpiresAt = Timestamp.FromDateTimeOffset(CapturedAt.AddDays(1)),
                RevokedAt = Timestamp.FromDateTimeOffset(CapturedAt.AddHours(2)), MaxUses = 10, Uses = 4,
                EvidenceKind = P.EvidenceKind.SmsOtp,
            },
        });
        var sut = host.CreateClient();

        var consent = await sut.GetConsentAsync("c-1", Ct);

        Assert.Equal("c-1", Assert.Single(host.Recorder.RequestsOf<P.GetConsentRequest>()).ConsentId);
        Assert.Equal("c-1", consent.ConsentId);
        Assert.Equal(Purpose.EmploymentScreening, consent.Purpose);
        Assert.Equal(ConsentScope.Summary, consent.Scope);
        Assert.Equal(CapturedAt, consent.GrantedAt);
        Assert.Equal(CapturedAt.AddDays(1), consent.ExpiresAt);
        Assert.Equal(CapturedAt.AddHours(2), consent.RevokedAt);
        Assert.True(consent.IsRevoked);
        Assert.Equal(10, consent.MaxUses);
        Assert.Equal(4, consent.Uses);
        Assert.Equal(EvidenceKind.SmsOtp, consent.EvidenceKind);
    }

    [Fact]
    public async Task GetConsent_NotRevoked_HasNullRevokedAt()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGetConsent = (_, _) => Task.FromResult(new P.GetConsentResponse { Consent = new P.Consent { ConsentId = "c" } });
        var sut = host.CreateClient();

        var consent = await sut.GetConsentAsync("c", Ct);

        Assert.Null(consent.RevokedAt);
        Assert.False(consent.IsRevoked);
    }

    [Fact]
    public async Task GetConsent_Unknown_ThrowsNotFound()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Consents.OnGetConsent = (_, _) => throw RpcErrors.Exception(StatusCode.NotFound, "CONSENT_NOT_FOUND");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryNotFoundException>(() => sut.GetConsentAsync("nope", Ct));

        Assert.Equal("CONSENT_NOT_FOUND", ex.ErrorCode);
    }
}
