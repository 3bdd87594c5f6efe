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
    }
}
