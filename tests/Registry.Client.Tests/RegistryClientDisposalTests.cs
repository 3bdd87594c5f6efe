using Registry.Client.Audit;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Tests.Infrastructure;

namespace Registry.Client.Tests;

public sealed class RegistryClientDisposalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_AfterDispose_ThrowsObjectDisposedWithoutCalling()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        sut.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            sut.CheckAsync(SubjectIdentity.FromIin("900521389141"), "c-1", Purpose.DatingSafety, cancellationToken: Ct));
        Assert.Empty(host.Recorder.Calls);
    }

    [Fact]
    public async Task QueryAuditLog_AfterDispose_ThrowsObjectDisposedWithoutCalling()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        sut.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            await foreach (var _ in sut.QueryAuditLogAsync(new AuditQuery(), Ct))
            {
            }
        });
        Assert.Empty(host.Recorder.Calls);
    }

    [Fact]
    public void Dispose_Twice_IsHarmless()
    {
        var sut = new RegistryClient(new Uri("http://localhost:5080"), new RegistryApiKeyCredential("rk_a_b"));
        sut.Dispose();

        sut.Dispose();

        Assert.Equal(new Uri("http://localhost:5080"), sut.Endpoint);
    }

    [Fact]
    public void Dispose_Mock_IsHarmless()
    {
        var sut = new MockClient();

        sut.Dispose();

        Assert.True(sut.WasDisposed);
    }

    private sealed class MockClient : RegistryClient
    {
        public bool WasDisposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            WasDisposed = true;
        }
    }
}
