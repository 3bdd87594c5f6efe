namespace Registry.Bench.Seed;

/// <summary>
/// The secondary indexes of the bulk-loaded tables, dropped before the load and built again afterwards from the
/// definitions the migrations created; <see cref="Restore"/> then checks that the schema equals the migrated one.
/// </summary>
public interface IDeferredIndexes
{
    IReadOnlyList<string> Names { get; }

    void Restore();
}
