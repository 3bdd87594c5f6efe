using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Registry.Service.Import;

public sealed class ImportJobEntityTypeConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).HasMaxLength(40);
        builder.Property(j => j.SourceName).HasMaxLength(ImportJob.SourceNameMaxLength);
        builder.Property(j => j.PartnerId).HasMaxLength(40);
        builder.Property(j => j.KeyId).HasMaxLength(40);
        builder.Property(j => j.Status).HasMaxLength(16);
        builder.HasIndex(j => j.StartedAt);
    }
}
