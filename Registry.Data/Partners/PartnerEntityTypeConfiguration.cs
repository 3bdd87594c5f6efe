using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Registry.Service.Consent;

namespace Registry.Service.Partners;

public sealed class PartnerEntityTypeConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.ToTable("partners");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(40);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.HasIndex(p => p.Name).IsUnique();
        builder.Property(p => p.NormalizedName).HasMaxLength(Partner.MaxNameLength);
        builder.HasIndex(p => p.NormalizedName).IsUnique();
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.AllowedPurposes)
            .HasConversion(
                v => string.Join(',', v),
                v => v.Length == 0 ? new List<ConsentPurpose>() : v.Split(',', StringSplitOptions.None).Select(Enum.Parse<ConsentPurpose>).ToList(),
                new ValueComparer<List<ConsentPurpose>>(
                    (a, b) => a!.SequenceEqual(b!),
                    v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p)),
                    v => v.ToList()))
            .HasMaxLength(200);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasMany(p => p.ApiKeys).WithOne(k => k.Partner).HasForeignKey(k => k.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
