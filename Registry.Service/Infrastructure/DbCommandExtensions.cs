using System.Data;
using System.Data.Common;

namespace Registry.Service.Infrastructure;

/// <summary>Helpers for the few prepared ADO.NET commands on the audit path (writer and sequencer).</summary>
internal static class DbCommandExtensions
{
    /// <summary>Adds a typed parameter and returns it, so that a prepared command can be re-run with new values.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
