using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Registry.Service.Infrastructure;

namespace Registry.Bench.Seed;

/// <summary>
/// Loads entities of one type with Npgsql's binary <c>COPY ... FROM STDIN (FORMAT BINARY)</c> on the context's
/// connection, inside its transaction. As in <see cref="BulkTableWriter{TEntity}"/>, the table, the columns and each
/// value's conversion come from the EF Core model: each column has a <see cref="ModelParameter"/> built from the
/// property's relational type mapping (enums to their names, UTC instants, dates, GUIDs), and the value it holds is
/// written with the <see cref="NpgsqlDbType"/> that parameter would be sent with by <c>SaveChanges</c>.
/// </summary>
public sealed class PostgresCopyWriter<TEntity> : IRowWriter<TEntity>
    where TEntity : class
{
    private readonly NpgsqlBinaryImporter _importer;
    private readonly Column[] _columns;
    private readonly NpgsqlCommand _scratch;

    public PostgresCopyWriter(RegistryDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entityType = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // The parameters only carry the mapping and convert the values; they are never sent.
        _scratch = connection.CreateCommand();

        var columns = new List<Column>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.GetColumnName(store) is not { } columnName)
            {
                continue;
            }

            if (property.IsShadowProperty())
            {
                throw new NotSupportedException(
                    $"{typeof(TEntity).Name}.{property.Name} is a shadow property: teach the seed generator its value.");
            }

            var parameter = ModelParameter.Add(_scratch, $"p{columns.Count}", property);
            columns.Add(new Column(sql.DelimitIdentifier(columnName), property.GetGetter(), parameter));
        }

        _columns = [.. columns];
        TableName = table;
        _importer = connection.BeginBinaryImport(
            $"COPY {sql.DelimitIdentifier(table, entityType.GetSchema())} ({string.Join(", ", _columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
    }

    public string TableName { get; }

    public long Rows { get; private set; }

    public void Insert(TEntity entity)
    {
        _importer.StartRow();
        foreach (var column in _columns)
        {
            column.Parameter.Set(column.Getter.GetClrValueUsingContainingEntity(entity));
            var parameter = (NpgsqlParameter)column.Parameter.Parameter;
            if (parameter.Value is DBNull)
            {
                _importer.WriteNull();
            }
            else
            {
                _importer.Write(parameter.Value, parameter.NpgsqlDbType);
            }
        }

        Rows++;
    }

    public void Complete() => _importer.Complete();

    public void Dispose()
    {
        _importer.Dispose();
        _scratch.Dispose();
    }

    private sealed record Column(string Name, IClrPropertyGetter Getter, ModelParameter Parameter);
}
