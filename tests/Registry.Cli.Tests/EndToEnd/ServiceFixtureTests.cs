namespace Registry.Cli.Tests.EndToEnd;

public sealed class ServiceFixtureTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public void AdminKey_OnFirstStart_IsWrittenToTheKeyFile()
    {
        var key = fixture.AdminKey;

        Assert.StartsWith("rk_", key, StringComparison.Ordinal);
    }
}
