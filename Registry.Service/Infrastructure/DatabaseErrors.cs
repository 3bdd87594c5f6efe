using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Registry.Service.Infrastructure;

/// <summary>What a provider's exception means, the same way on every provider.</summary>
public static class DatabaseErrors
{
    // SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY; SQL Server 2601 (unique index), 2627 (unique constraint).
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;

    /// <summary>
    /// True when <paramref name="exception"/> (or an inner one) is a unique or primary-key violation: a row another
    /// writer committed first. On SQLite writers are serialised, so a check inside the transaction already saw it; on a
    /// server database two replicas can both pass that check, and the index decides.
    /// </summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when postgres.SqlState == PostgresErrorCodes.UniqueViolation:
                case SqliteException sqlite when sqlite.SqliteExtendedErrorCode is SqliteUnique or SqlitePrimaryKey:
                case SqlException sql when sql.Number is 2601 or 2627:
                    return true;
            }
        }

        return false;
    }
}
