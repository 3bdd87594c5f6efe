using System.Data.Common;
using Registry.Service.Infrastructure;

namespace Registry.Bench.Seed;

/// <summary>
/// What differs between the providers when seeding: where the database is and how it is made fresh, the connection
/// string the service's own registration is given, and the bulk path (the load's session settings, the deferred
/// indexes, the row writer). Everything else — migrations, generator, callers, verification, manifest — is shared.
/// </summary>
public interface ISeedTarget
{
    /// <summary>The value of <c>Registry:Database:Provider</c>.</summary>
    string Provider { get; }

    string ConnectionString { get; }

    string ManifestPath { get; }

    /// <summary>What the manifest records as the database: the file, or the connection string (it holds no secret here).</summary>
    string Description { get; }

    /// <summary>Removes what an earlier seed left (only with <c>--overwrite true</c>) and leaves an empty database or none.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    void BeforeLoad(DbConnection connection);

    IDeferredIndexes DeferIndexes(DbConnection connection, IReadOnlyCollection<string> tables);

    IRowWriter<TEntity> CreateWriter<TEntity>(RegistryDbContext db, DbTransaction transaction)
        where TEntity : class;

    void AfterLoad(DbConnection connection, IReadOnlyCollection<string> tables);

    /// <summary>The size of the seeded database in bytes.</summary>
    long Size(DbConnection connection);
}
