using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Consent;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>A check refused for each reason of spec §3 writes exactly one refused entry naming that reason.</summary>
public sealed class AuditCheckRefusalEntryTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);
    private readonly AuditActors _actors = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ConsentRefusals.PurposeNotAllowed)]
    [InlineData(ConsentRefusals.NotFound)]
    [InlineData(ConsentRefusals.OtherPartner)]
    [InlineData(ConsentRefusals.SubjectMismatch)]
    [InlineData(ConsentRefusals.PurposeMismatch)]
    [InlineData(ConsentRefusals.Expired)]
    [InlineData(ConsentRefusals.Revoked)]
    [InlineData(ConsentRefusals.UsedUp)]
    public async Task Check_Refused_WritesExactlyOneRefusedEntryWithTheReason(string reason)
    {
        var (partnerId, key) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety, Purpose.PersonalSafety);
        var h1 = TestKeys.NewH1();
        var request = await ArrangeRefusedCheckAsync(reason, key, h1);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, reason, async () =>
            await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct));

        var row = Assert.Single(await _log.RowsAsync($"RequestId = '{request.RequestId}'"));
        var subject = _actors.SubjectKeyOf(request.H1.ToByteArray());
        new ExpectedEntry(AuditActions.Check, "ROLE_PARTNER", AuditOutcomes.Refused)
        {
            PartnerId = partnerId, KeyId = AuditActors.KeyIdOf(key), SubjectKey = subject.Value, SubjectKeyId = subject.KeyId,
            ConsentId = request.ConsentId, Purpose = request.Purpose == Purpose.DatingSafety ? "DATING_SAFETY" : request.Purpose == Purpose.PersonalSafety ? "PERSONAL_SAFETY" : "EMPLOYMENT_SCREENING",
            Reason = reason, RequestId = request.RequestId,
        }.AssertMatches(row);
    }

    private async Task<CheckRequest> ArrangeRefusedCheckAsync(string reason, string key, byte[] h1)
    {
        switch (reason)
        {
            case ConsentRefusals.PurposeNotAllowed:
                return RegistryScenario.CheckRequest(await _scenario.GrantAsync(key, h1), h1, Purpose.EmploymentScreening);
            case ConsentRefusals.NotFound:
                return RegistryScenario.CheckRequest("c_" + Guid.NewGuid().ToString("N"), h1);
            case ConsentRefusals.OtherPartner:
                var other = await _scenario.CreatePartnerKeyAsync();
                return RegistryScenario.CheckRequest(await _scenario.GrantAsync(other, h1), h1);
            case ConsentRefusals.SubjectMismatch:
                return RegistryScenario.CheckRequest(await _scenario.GrantAsync(key, h1), TestKeys.NewH1());
            case ConsentRefusals.PurposeMismatch:
                return RegistryScenario.CheckRequest(await _scenario.GrantAsync(key, h1), h1, Purpose.PersonalSafety);
            case ConsentRefusals.Expired:
                var grant = _scenario.GrantRequest(h1);
                grant.ValidFor = Duration.FromTimeSpan(TimeSpan.FromMinutes(1));
                var granted = await _scenario.Consents(key).GrantConsentAsync(grant, cancellationToken: Ct);
                factory.Clock.Advance(TimeSpan.FromMinutes(2));
                return RegistryScenario.CheckRequest(granted.ConsentId, h1);
            case ConsentRefusals.Revoked:
                var revoked = await _scenario.GrantAsync(key, h1);
                await _scenario.Consents(key).RevokeConsentAsync(new RevokeConsentRequest { ConsentId = revoked }, cancellationToken: Ct);
                return RegistryScenario.CheckRequest(revoked, h1);
            default:
                var usedUp = await _scenario.GrantAsync(key, h1);
                await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(usedUp, h1), cancellationToken: Ct);
                return RegistryScenario.CheckRequest(usedUp, h1);
        }
    }
}
