using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Registry.Service.Audit;

public sealed class SequencerLeaseEntityTypeConfiguration : IEntityTypeConfiguration<SequencerLease>
{
    public void Configure(EntityTypeBuilder<SequencerLease> builder)
    {
        builder.ToTable("sequencer_leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(40);
        builder.Property(l => l.HolderId).HasMaxLength(100);
        builder.Property(l => l.ExpiresAt).IsConcurrencyToken();
        // The audit sequencer's lease exists from the first migration on, expired and held by nobody: replicas only ever
        // take it with a conditional UPDATE, and no two of them race to INSERT it (on PostgreSQL a failed INSERT would
        // abort the sequencing transaction that tried it).
        builder.HasData(new SequencerLease
        {
            Name = SequencerLease.AuditSequencerName,
            HolderId = string.Empty,
            ExpiresAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}
