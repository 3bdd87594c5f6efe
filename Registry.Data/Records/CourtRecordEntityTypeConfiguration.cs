using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Client.Admin;

namespace Registry.Service.Records;

public sealed class CourtRecordEntityTypeConfiguration : IEntityTypeConfiguration<CourtRecord>
{
    public void Configure(EntityTypeBuilder<CourtRecord> builder)
    {
        builder.ToTable("records");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SourceId).HasMaxLength(RecordRowRules.SourceIdMaxLength);
        builder.Property(r => r.CaseNumber).HasMaxLength(RecordRowRules.CaseNumberMaxLength);
        builder.HasIndex(r => new { r.SourceId, r.CaseNumber }).IsUnique();
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Article).HasMaxLength(RecordRowRules.ArticleMaxLength);
        builder.Property(r => r.Region).HasMaxLength(16);
        builder.Property(r => r.Court).HasMaxLength(RecordRowRules.CourtMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.CorrectedFrom).HasMaxLength(32);
        builder.HasMany(r => r.Subjects).WithOne().HasForeignKey(s => s.RecordId).OnDelete(DeleteBehavior.Cascade);
    }
}
