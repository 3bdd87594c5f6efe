using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Registry.Service.Infrastructure;

namespace Registry.Service.Import;

/// <summary>
/// What the import's statements need to know of the database: its model and provider. The one place where the provider
/// chooses the import's path (<see cref="IRecordImportCommands"/>).
/// </summary>
internal sealed class ImportSchema(IModel model, DatabaseProvider provider)
{
    public static ImportSchema Of(RegistryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres
            : db.Database.IsSqlServer() ? DatabaseProvider.SqlServer
            : DatabaseProvider.Sqlite;
        return new ImportSchema(db.Model, provider);
    }

    public IRecordImportCommands Records(PreparedCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return provider == DatabaseProvider.Postgres
            ? commands.Get<IRecordImportCommands>(c => new PostgresRecordImportCommands((NpgsqlConnection)c, model))
            : commands.Get<IRecordImportCommands>(c => new RecordImportCommands(c, model, provider == DatabaseProvider.SqlServer));
    }

    public ImportJobCountCommand Jobs(PreparedCommands commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        return commands.Get(c => new ImportJobCountCommand(c, model));
    }
}
