namespace Registry.Client;

/// <summary>Options of a <c>RegistryClient</c>.</summary>
public sealed class RegistryClientOptions
{
}
