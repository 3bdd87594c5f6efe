using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Fuzz;

/// <summary>The real service with the quota lifted, so fuzzed messages that parse reach their handlers.</summary>
public sealed class FuzzAppFactory : RegistryAppFactory
{
    public FuzzAppFactory()
    {
        With("Registry:Quotas:PermitsPerSecond", "1000000");
        With("Registry:Quotas:Burst", "10000000");
    }
}
