namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// The test classes that start several real service processes (<see cref="ReplicaSet"/>) run one after another, beside the
/// in-process tests: on a 2-core machine three replicas starting at once already take tens of seconds, and two sets starting
/// together with the rest of the suite took over two minutes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ServiceProcessTests
{
    public const string Name = "Service processes";
}
