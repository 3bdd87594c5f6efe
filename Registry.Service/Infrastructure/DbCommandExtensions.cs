using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Registry.Service.Infrastructure;

/// <summary>Helpers for the prepared ADO.NET commands of the hot paths (checks, audit writer and sequencer, import).</summary>
internal static class DbCommandExtensions
{
    /// <summary>
    /// Adds a typed parameter and returns it, so that a prepared command can be re-run with new values. An instant
    /// (<see cref="DbType.DateTime2"/>, always UTC here) is a <c>timestamp with time zone</c> on PostgreSQL, as EF maps
    /// the columns there; Npgsql reads <see cref="DbType.DateTime2"/> as <c>timestamp</c> without one and refuses UTC values.
    /// </summary>
    public static DbParameter AddParameter(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        if (type == DbType.DateTime2 && parameter is NpgsqlParameter npgsql)
        {
            npgsql.NpgsqlDbType = NpgsqlDbType.TimestampTz;
        }
        else
        {
            parameter.DbType = type;
        }

        command.Parameters.Add(parameter);
        return parameter;
    }
}
