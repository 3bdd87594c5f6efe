using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Registry.Service.Records;

public sealed class RecordsVersionEntityTypeConfiguration : IEntityTypeConfiguration<RecordsVersion>
{
    public void Configure(EntityTypeBuilder<RecordsVersion> builder)
    {
        builder.ToTable("records_version");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        // The row exists from the first migration on: writers only ever UPDATE it, and no two of them race to INSERT it.
        builder.HasData(new RecordsVersion { Id = RecordsVersion.RowId, Version = 0 });
    }
}
