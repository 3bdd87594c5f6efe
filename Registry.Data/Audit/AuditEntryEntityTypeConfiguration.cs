using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Registry.Service.Audit;

public sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    // Double-quoted identifiers: standard SQL, read the same by SQLite and by SQL Server (QUOTED_IDENTIFIER ON).
    private const string Sequenced = "\"Sequence\" IS NOT NULL";
    private const string Pending = "\"Sequence\" IS NULL";

    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(36);
        // Every index an auditor's query uses covers sequenced rows only: the writer's insert (Sequence still null)
        // touches the table, its key and the small pending index, all appended at their ends; the sequencer adds
        // each row to the other indexes once a second, in bulk, off the commit path. (An index on a random column
        // such as the subject key costs about one more dirty page per entry in every commit.) Every auditor's
        // query compares Sequence, which implies the filter, so the indexes stay usable.
        builder.HasIndex(e => e.Sequence).IsUnique().HasFilter(Sequenced);
        builder.HasIndex(e => e.RecordedAt).HasFilter(Sequenced);
        // What the sequencer numbers next, in order.
        builder.HasIndex(e => new { e.RecordedAt, e.Id }, "IX_audit_entries_Pending").HasFilter(Pending);
        builder.Property(e => e.PartnerId).HasMaxLength(40);
        builder.HasIndex(e => new { e.PartnerId, e.Sequence }).HasFilter(Sequenced);
        builder.Property(e => e.KeyId).HasMaxLength(32);
        builder.Property(e => e.ActorRole).HasMaxLength(16);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.SubjectKey).HasMaxLength(32);
        builder.HasIndex(e => e.SubjectKey).HasFilter(Sequenced);
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
