using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;

namespace Registry.Client.Tests;

public sealed class RegistryModelFactoryTests
{
    [Fact]
    public async Task CheckResult_InAPartnersMock_IsReturnedThroughTheVirtualMember()
    {
        var expected = RegistryModelFactory.CheckResult(CheckOutcome.RecordFound, null, "a-1", 4, "req-1");
        RegistryClient sut = new StubClient(expected);

        var result = await sut.CheckAsync(SubjectIdentity.FromIin("900521389141"), "c-1", Purpose.DatingSafety,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Same(expected, result);
        Assert.Equal((CheckOutcome.RecordFound, "a-1", 4, "req-1"), (result.Outcome, result.AuditEntryId, result.ConsentUsesRemaining, result.RequestId));
    }

    private sealed class StubClient(CheckResult result) : RegistryClient
    {
        public override Task<CheckResult> CheckAsync(
            SubjectIdentity subject, string consentId, Purpose purpose, string? requestId = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(result);
    }
}
