namespace Registry.Bench.Seed;

/// <summary>Writes the rows of one table in the seed's transaction; <see cref="Complete"/> ends the table's load.</summary>
public interface IRowWriter<in TEntity> : IDisposable
    where TEntity : class
{
    long Rows { get; }

    void Insert(TEntity entity);

    /// <summary>Ends the load of this table (PostgreSQL: finishes the COPY; without it the COPY is cancelled).</summary>
    void Complete();
}
