using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Registry.Service.Import;

/// <summary>
/// A column the PostgreSQL import writes in bulk (a field of a binary COPY, or an array that <c>unnest</c> spreads), typed
/// and converted exactly as EF Core maps the entity property behind it: the value goes through the property's converter
/// (enums stored as names, instants as UTC), and is sent as the column's own PostgreSQL type (<c>character varying</c>,
/// <c>date</c>, <c>timestamp with time zone</c>, <c>uuid</c>). A row written this way reads back through EF and through the
/// check path like one EF wrote; the bulk counterpart of <see cref="Infrastructure.ModelParameter"/>.
/// </summary>
internal sealed class CopyColumn
{
    private readonly ValueConverter? _converter;
    private readonly Type _elementType;

    private CopyColumn(IProperty property)
    {
        var mapping = property.GetRelationalTypeMapping();
        _converter = mapping.Converter;
        Name = property.GetColumnName();
        DataTypeName = mapping.StoreTypeNameBase;
        var stored = _converter?.ProviderClrType ?? property.ClrType;
        _elementType = property.IsNullable && stored.IsValueType && Nullable.GetUnderlyingType(stored) is null
            ? typeof(Nullable<>).MakeGenericType(stored)
            : stored;
    }

    /// <summary>The column's name in the database (lower case on PostgreSQL).</summary>
    public string Name { get; }

    /// <summary>The column's PostgreSQL type as EF maps it, without its facets (<c>character varying</c>, not <c>(32)</c>).</summary>
    public string DataTypeName { get; }

    public static CopyColumn Of<TEntity>(IModel model, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(model);
        var property = model.FindEntityType(typeof(TEntity))?.FindProperty(propertyName)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{propertyName} is not in the model.");
        return new CopyColumn(property);
    }

    /// <summary>Writes the next field of the importer's current row.</summary>
    public void Write(NpgsqlBinaryImporter importer, object? value)
    {
        ArgumentNullException.ThrowIfNull(importer);
        if (ToProvider(value) is { } stored)
        {
            importer.Write(stored, DataTypeName);
        }
        else
        {
            importer.WriteNull();
        }
    }

    /// <summary>Adds to <paramref name="command"/> an array parameter of this column's type (set it with <see cref="Set{T}"/>).</summary>
    public NpgsqlParameter AddArray(NpgsqlCommand command, string name)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = new NpgsqlParameter { ParameterName = name, DataTypeName = DataTypeName + "[]" };
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Sets <paramref name="parameter"/> (<see cref="AddArray"/>) to the values of <paramref name="items"/>, converted.</summary>
    public void Set<T>(NpgsqlParameter parameter, IReadOnlyList<T> items, Func<T, object?> value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(value);
        var array = Array.CreateInstance(_elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(ToProvider(value(items[i])), i);
        }

        parameter.Value = array;
    }

    private object? ToProvider(object? value) =>
        value is null ? null : _converter is null ? value : _converter.ConvertToProvider(value);
}
