using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Registry.Service.Infrastructure;

namespace Registry.Bench.Seed;

/// <summary>
/// Inserts entities of one type with one prepared ADO.NET command on the context's connection and transaction.
/// The table, the columns and each value's conversion come from the EF Core model (the same type mappings that
/// <c>SaveChanges</c> uses to build its parameters), so a column added to the entity is written without touching this.
/// </summary>
public sealed class BulkTableWriter<TEntity> : IRowWriter<TEntity>
    where TEntity : class
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;

    public BulkTableWriter(RegistryDbContext db, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entityType = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _command = db.Database.GetDbConnection().CreateCommand();
        _command.Transaction = transaction;

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

            var parameter = ModelParameter.Add(_command, $"@p{columns.Count}", property);
            columns.Add(new Column(sql.DelimitIdentifier(columnName), property.GetGetter(), parameter));
        }

        _columns = [.. columns];
        TableName = table;
        _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table, entityType.GetSchema())} " +
            $"({string.Join(", ", _columns.Select(c => c.Name))}) VALUES ({string.Join(", ", _command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName))})";
        _command.Prepare();
    }

    public string TableName { get; }

    public long Rows { get; private set; }

    public void Insert(TEntity entity)
    {
        foreach (var column in _columns)
        {
            column.Parameter.Set(column.Getter.GetClrValueUsingContainingEntity(entity));
        }

        _command.ExecuteNonQuery();
        Rows++;
    }

    /// <summary>Nothing to finish: each row is inserted by its own execution of the prepared command.</summary>
    public void Complete()
    {
    }

    public void Dispose() => _command.Dispose();

    private sealed record Column(string Name, IClrPropertyGetter Getter, ModelParameter Parameter);
}
