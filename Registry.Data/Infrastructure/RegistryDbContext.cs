using Microsoft.EntityFrameworkCore;
using Registry.Service.Audit;
using Registry.Service.Consent;
using Registry.Service.Import;
using Registry.Service.Partners;
using Registry.Service.Records;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The one EF Core context of the service. Each provider has a small derived context in its own project, with that
/// provider's migrations beside it (EF Core's "separate migrations project" layout): Registry.Migrations.Sqlite,
/// .SqlServer and .Postgres. After a model change, add a migration to each:
/// <code>
/// dotnet ef migrations add NAME --project Registry.Migrations.Sqlite --startup-project Registry.Migrations.Sqlite -o Migrations
/// dotnet ef migrations add NAME --project Registry.Migrations.SqlServer --startup-project Registry.Migrations.SqlServer -o Migrations
/// dotnet ef migrations add NAME --project Registry.Migrations.Postgres --startup-project Registry.Migrations.Postgres -o Migrations
/// </code>
/// A test fails while any provider has pending model changes.
/// </summary>
public abstract class RegistryDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<SubjectConsent> Consents => Set<SubjectConsent>();

    public DbSet<CourtRecord> Records => Set<CourtRecord>();

    public DbSet<RecordSubject> RecordSubjects => Set<RecordSubject>();

    public DbSet<RecordsVersion> RecordsVersions => Set<RecordsVersion>();

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
        modelBuilder.ApplyConfiguration(new RecordsVersionEntityTypeConfiguration());
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
