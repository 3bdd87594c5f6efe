namespace Registry.Client.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void Options_CanBeCreated() => Assert.NotNull(new RegistryClientOptions());
}
