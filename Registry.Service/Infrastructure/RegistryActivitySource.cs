using System.Diagnostics;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The service's one <see cref="ActivitySource"/>, named as its meter (<see cref="RegistryMeter.Name"/>): the spans of a
/// check's stages and of an import batch. One per container, not a static, so each test host's spans can be told apart.
/// </summary>
/// <remarks>
/// A span carries its stage's name and at most an outcome or a count, never an identifier (consent id, partner id, key,
/// h1, subject key): traces leave the service for whatever collector the operator runs. With nobody listening,
/// <see cref="Start"/> returns null and costs a field read.
/// </remarks>
public sealed class RegistryActivitySource : IDisposable
{
    public const string Name = RegistryMeter.Name;

    public ActivitySource Source { get; } = new(Name);

    public Activity? Start(string name) => Source.StartActivity(name, ActivityKind.Internal);

    public void Dispose() => Source.Dispose();
}
