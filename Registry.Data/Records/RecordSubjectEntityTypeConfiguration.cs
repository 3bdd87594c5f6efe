using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Registry.Service.Records;

public sealed class RecordSubjectEntityTypeConfiguration : IEntityTypeConfiguration<RecordSubject>
{
    public void Configure(EntityTypeBuilder<RecordSubject> builder)
    {
        builder.ToTable("record_subjects");
        builder.HasKey(s => new { s.RecordId, s.SubjectKey });
        builder.Property(s => s.SubjectKey).HasMaxLength(32).HasField("_subjectKey");
        builder.Property(s => s.SubjectKeyId).HasMaxLength(32);
        // The subject lookup's index: on the key's 8-byte prefix, not the random 32-byte key (RecordSubject.SubjectPrefix).
        builder.HasIndex(s => s.SubjectPrefix);
    }
}
