namespace Registry.Service.Infrastructure;

/// <summary>The database providers the service runs on.</summary>
public enum DatabaseProvider
{
    Sqlite = 1,
    SqlServer = 2,
    Postgres = 3,
}
