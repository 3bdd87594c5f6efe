using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Infrastructure;

/// <summary>Where the data lives. Bound from <c>Registry:Database</c>; the connection string from <c>ConnectionStrings:Registry</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Registry:Database";

    public const string ConnectionStringName = "Registry";

    /// <summary>The provider; default <see cref="DatabaseProvider.Sqlite"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The SQLite file, used when no connection string is given. Default <c>data/registry.db</c>; relative to the content root (<see cref="ContentRoot"/>).</summary>
    [Required]
    public string SqlitePath { get; set; } = "data/registry.db";

    /// <summary>Apply migrations on start; default true. A server database may migrate as a deploy step instead.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The connection string, from <c>ConnectionStrings:Registry</c>; required for SQL Server and PostgreSQL.</summary>
    public string? ConnectionString { get; set; }
}
