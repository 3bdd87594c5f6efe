using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Registry.Service.Audit;

public sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(36);
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.RecordedAt);
        builder.Property(e => e.PartnerId).HasMaxLength(40);
        // (partner, request id) finds a repeated check (CheckRepeats) and serves partner filters.
        builder.HasIndex(e => new { e.PartnerId, e.RequestId });
        builder.Property(e => e.KeyId).HasMaxLength(32);
        builder.Property(e => e.ActorRole).HasMaxLength(16);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.SubjectKey).HasMaxLength(32);
        builder.HasIndex(e => e.SubjectKey);
        builder.Property(e => e.SubjectKeyId).HasMaxLength(32);
        builder.Property(e => e.ConsentId).HasMaxLength(64);
        builder.Property(e => e.Purpose).HasMaxLength(32);
        builder.Property(e => e.Outcome).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(64);
        builder.Property(e => e.RequestId).HasMaxLength(100);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.Property(e => e.LeafHash).HasMaxLength(32);
    }
}
