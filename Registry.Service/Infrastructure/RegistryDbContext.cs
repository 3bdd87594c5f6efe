using Microsoft.EntityFrameworkCore;
using Registry.Service.Audit;
using Registry.Service.Consent;
using Registry.Service.Import;
using Registry.Service.Partners;
using Registry.Service.Records;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The one EF Core context of the service. Each provider has a small derived context with its own
/// migrations (the EF Core "multiple providers" pattern); after a model change, add a migration to both:
/// <code>
/// dotnet ef migrations add NAME --project Registry.Service --context SqliteRegistryDbContext -o Infrastructure/Migrations/Sqlite
/// dotnet ef migrations add NAME --project Registry.Service --context SqlServerRegistryDbContext -o Infrastructure/Migrations/SqlServer
/// </code>
/// A test fails while either provider has pending model changes.
/// </summary>
public abstract class RegistryDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<SubjectConsent> Consents => Set<SubjectConsent>();

    public DbSet<CourtRecord> Records => Set<CourtRecord>();

    public DbSet<RecordSubject> RecordSubjects => Set<RecordSubject>();

    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<SequencerLease> SequencerLeases => Set<SequencerLease>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfiguration(new PartnerEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new SubjectConsentEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new CourtRecordEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new RecordSubjectEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new ImportJobEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new AuditCheckpointEntityTypeConfiguration());
        modelBuilder.ApplyConfiguration(new SequencerLeaseEntityTypeConfiguration());
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every instant is stored as UTC and read back as UTC (SQLite keeps no kind).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
