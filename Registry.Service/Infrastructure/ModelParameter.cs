using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Registry.Service.Infrastructure;

/// <summary>
/// A parameter of a hand-written prepared command, typed and converted exactly as EF Core maps the entity property it
/// binds (enums stored as names, UTC instants, dates, GUIDs), so that rows written by prepared commands and by EF read
/// back alike.
/// </summary>
public sealed class ModelParameter
{
    private readonly ValueConverter? _converter;

    private ModelParameter(DbParameter parameter, ValueConverter? converter)
    {
        Parameter = parameter;
        _converter = converter;
    }

    public DbParameter Parameter { get; }

    /// <summary>Adds to <paramref name="command"/> a parameter <paramref name="name"/> mapped like <paramref name="property"/>.</summary>
    public static ModelParameter Add(DbCommand command, string name, IProperty property)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(property);
        var mapping = property.GetRelationalTypeMapping();
        var parameter = mapping.CreateParameter(command, name, null, property.IsNullable);
        command.Parameters.Add(parameter);
        return new ModelParameter(parameter, mapping.Converter);
    }

    /// <summary>Adds a parameter mapped like the property <paramref name="propertyName"/> of <typeparamref name="TEntity"/>.</summary>
    public static ModelParameter Add<TEntity>(DbCommand command, IModel model, string name, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(model);
        var property = model.FindEntityType(typeof(TEntity))?.FindProperty(propertyName)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{propertyName} is not in the model.");
        return Add(command, name, property);
    }

    public void Set(object? value) =>
        Parameter.Value = value is null ? DBNull.Value : _converter is null ? value : _converter.ConvertToProvider(value) ?? DBNull.Value;
}
