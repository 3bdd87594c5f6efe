namespace Registry.Service.Tests.Infrastructure;

/// <summary>The database that the replicas of a <see cref="ReplicaSet"/> share.</summary>
public enum ReplicaProvider
{
    /// <summary>One SQLite file, several processes on one machine.</summary>
    Sqlite,

    /// <summary>One database on the run's PostgreSQL server (<see cref="PostgresServer"/>).</summary>
    Postgres,
}
