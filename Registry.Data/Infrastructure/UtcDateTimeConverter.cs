using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Registry.Service.Infrastructure;

/// <summary>Stores instants as UTC and marks them UTC when read.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
