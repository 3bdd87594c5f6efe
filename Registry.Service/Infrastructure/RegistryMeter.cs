namespace Registry.Service.Infrastructure;

/// <summary>The service's one meter: every feature's instruments are created on it (docs/operations.md, "Metrics").</summary>
public static class RegistryMeter
{
    public const string Name = "Registry.Service";
}
