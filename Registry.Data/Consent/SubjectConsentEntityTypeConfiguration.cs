using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Service.Partners;

namespace Registry.Service.Consent;

public sealed class SubjectConsentEntityTypeConfiguration : IEntityTypeConfiguration<SubjectConsent>
{
    public void Configure(EntityTypeBuilder<SubjectConsent> builder)
    {
        builder.ToTable("consents");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.PartnerId).HasMaxLength(40);
        builder.Property(c => c.SubjectKey).HasMaxLength(32);
        builder.Property(c => c.SubjectKeyId).HasMaxLength(32);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.EvidenceKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.EvidenceReference).HasMaxLength(200);
        builder.Property(c => c.LastRequestId).HasMaxLength(100);
        builder.Property(c => c.LastAnswerDigest).HasMaxLength(32);
        builder.Property(c => c.LastAuditEntryId).HasMaxLength(36);
        // Uses and RevokedAt change under concurrent checks; they are only ever changed with conditional
        // UPDATEs (uses < max_uses AND revoked_at IS NULL), which are atomic on every provider.
        builder.HasOne<Partner>().WithMany().HasForeignKey(c => c.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.PartnerId, c.SubjectKey });
    }
}
