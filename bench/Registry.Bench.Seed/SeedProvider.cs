namespace Registry.Bench.Seed;

/// <summary>The database the seed writes: a SQLite file (the default) or a PostgreSQL database.</summary>
public enum SeedProvider
{
    Sqlite,
    Postgres,
}
