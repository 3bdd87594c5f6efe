using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Client.Transparency;
using Registry.Service.Audit;
using Registry.Service.Checks;
using Registry.Service.Consent;
using Registry.Service.Identity;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Records;

namespace Registry.Bench.Seed;

/// <summary>
/// Creates the database with the service's own registration and migrations (<see cref="DatabaseServiceCollectionExtensions.AddRegistryDatabase"/>,
/// <see cref="DatabaseMigrator"/>), then writes a generated <see cref="SeedPlan"/> in one transaction through the
/// provider's bulk path (<see cref="ISeedTarget"/>: prepared inserts on SQLite, binary COPY on PostgreSQL), with the
/// secondary indexes built after the load.
/// </summary>
public sealed class RegistrySeeder(SeedArguments arguments, TextWriter progress)
{
    public async Task<SeedManifest> RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        ISeedTarget target = arguments.Provider == SeedProvider.Postgres ? new PostgresSeedTarget(arguments) : new SqliteSeedTarget(arguments);
        await target.PrepareAsync(cancellationToken);
        var secret = arguments.SubjectKeySecret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyRing = new SubjectKeyRing(arguments.SubjectKeyId, Convert.FromBase64String(secret));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:Database:Provider"] = target.Provider,
            ["ConnectionStrings:Registry"] = target.ConnectionString,
        }).AddEnvironmentVariables().Build();
        // The service resolves relative paths against its content root: here, the working directory.
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            ApplicationName = "Registry.Bench.Seed",
            EnvironmentName = "Benchmark",
            ContentRootPath = Directory.GetCurrentDirectory(),
        };
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IHostEnvironment>(environment).AddRegistryDatabase(configuration);
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName);
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName);
        services.AddSingleton<ApiKeyIssuer>().AddSingleton<DisclosurePolicy>();
        await using var provider = services.BuildServiceProvider();
        await provider.GetServices<IHostedService>().OfType<DatabaseMigrator>().Single().StartAsync(cancellationToken);
        Report(total, $"migrated {target.Description}");

        var now = TimeProvider.System.GetUtcNow();
        var plan = SeedPlan.Generate(arguments, keyRing, provider.GetRequiredService<DisclosurePolicy>(), now);
        Report(total, $"generated {plan.Records.Length:N0} records of {plan.PeopleWithRecords:N0} people, {plan.Links:N0} subject links, {plan.Consents.Length:N0} consents");

        var factory = provider.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        SeedCaller partner, auditor, admin;
        long size;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            target.BeforeLoad(connection);
            var callers = new CallerSeeder(db, provider.GetRequiredService<ApiKeyIssuer>(), now.UtcDateTime);
            partner = await callers.AddAsync("bench-partner", PartnerRole.Partner, [ConsentPurpose.DatingSafety, ConsentPurpose.PersonalSafety], cancellationToken);
            auditor = await callers.AddAsync("bench-auditor", PartnerRole.Auditor, [], cancellationToken);
            admin = await callers.AddAsync("bench-admin", PartnerRole.Admin, [], cancellationToken);
            Report(total, "added partner, auditor and admin with API keys");

            var tables = new[] { typeof(CourtRecord), typeof(RecordSubject), typeof(SubjectConsent) }
                .Select(t => db.Model.FindEntityType(t)!.GetTableName()!).ToArray();
            var indexes = target.DeferIndexes(connection, tables);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                Write(db, transaction.GetDbTransaction(), target, plan, partner.PartnerId, total);
                var commit = Stopwatch.StartNew();
                await transaction.CommitAsync(cancellationToken);
                Report(total, $"committed in {commit.Elapsed.TotalSeconds:F1} s");
            }

            var build = Stopwatch.StartNew();
            indexes.Restore();
            Report(total, $"built {string.Join(", ", indexes.Names)} in {build.Elapsed.TotalSeconds:F1} s; schema equals the migrated one");
            var finish = Stopwatch.StartNew();
            target.AfterLoad(connection, tables);
            Report(total, $"finished the load ({target.Provider}) in {finish.Elapsed.TotalSeconds:F1} s");
            size = target.Size(connection);
        }

        await VerifyAsync(factory, plan, partner.PartnerId, cancellationToken);
        Report(total, "read back through EF Core: counts, a record with its subjects and a consent match");
        using var signer = NoteSigner.Generate(new AuditOptions().Origin);
        var manifest = new SeedManifest(1, now.UtcDateTime, target.Description, arguments.Seed, plan.Records.Length, plan.Links, plan.TwoIdentityRecords,
            new SeedSubjectKey(keyRing.KeyId, secret), signer.ExportSignerKey(), partner, auditor, admin, plan.ManifestConsents);
        manifest.Write(target.ManifestPath);
        var rows = plan.Records.Length + plan.Links + plan.Consents.Length;
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"done: {rows:N0} rows ({plan.Records.Length:N0} records, {plan.Links:N0} record_subjects, {plan.Consents.Length:N0} consents) in {total.Elapsed.TotalSeconds:F1} s, {rows / total.Elapsed.TotalSeconds:N0} rows/s overall; {size / 1e6:F0} MB; manifest {target.ManifestPath}"));
        return manifest;
    }

    private void Write(RegistryDbContext db, System.Data.Common.DbTransaction transaction, ISeedTarget target, SeedPlan plan, string partnerId, Stopwatch total)
    {
        var load = Stopwatch.StartNew();
        using (var records = target.CreateWriter<CourtRecord>(db, transaction))
        {
            foreach (var record in plan.Records)
            {
                records.Insert(record);
                if (records.Rows % 250_000 == 0)
                {
                    Report(total, Rate("records", records.Rows, plan.Records.Length, load));
                }
            }

            records.Complete();
        }

        load.Restart();
        using (var subjects = target.CreateWriter<RecordSubject>(db, transaction))
        {
            foreach (var link in plan.SubjectLinks())
            {
                subjects.Insert(link);
                if (subjects.Rows % 250_000 == 0)
                {
                    Report(total, Rate("record_subjects", subjects.Rows, plan.Links, load));
                }
            }

            subjects.Complete();
            Report(total, Rate("record_subjects", subjects.Rows, plan.Links, load));
        }

        load.Restart();
        using var consents = target.CreateWriter<SubjectConsent>(db, transaction);
        foreach (var consent in plan.Consents)
        {
            consents.Insert(consent.ForPartner(partnerId));
        }

        consents.Complete();

        Report(total, Rate("consents", consents.Rows, plan.Consents.Length, load));
    }

    private static async Task VerifyAsync(IDbContextFactory<RegistryDbContext> factory, SeedPlan plan, string partnerId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var expected = plan.Records[plan.Records.Length / 2];
        var read = await db.Records.AsNoTracking().Include(r => r.Subjects).SingleAsync(r => r.Id == expected.Id, cancellationToken);
        var same = read.SourceId == expected.SourceId && read.CaseNumber == expected.CaseNumber && read.Category == expected.Category
            && read.Status == expected.Status && read.DecisionDate == expected.DecisionDate && read.ExpiresAt == expected.ExpiresAt
            && read.Version == expected.Version && SameInstant(read.CreatedAt, expected.CreatedAt) && read.Subjects.Count > 0;
        var consent = plan.Consents[plan.Consents.Length / 2].ForPartner(partnerId);
        var stored = await db.Consents.AsNoTracking().SingleAsync(c => c.Id == consent.Id, cancellationToken);
        var sameConsent = stored.PartnerId == partnerId && stored.SubjectKey.AsSpan().SequenceEqual(consent.SubjectKey)
            && stored.SubjectKeyId == consent.SubjectKeyId && stored.Purpose == consent.Purpose && stored.Scope == consent.Scope
            && stored.MaxUses == consent.MaxUses && stored.Uses == 0 && stored.RevokedAt is null && stored.EvidenceKind == consent.EvidenceKind
            && SameInstant(stored.GrantedAt, consent.GrantedAt) && SameInstant(stored.ExpiresAt, consent.ExpiresAt);
        var counts = (await db.Records.LongCountAsync(cancellationToken), await db.RecordSubjects.LongCountAsync(cancellationToken), await db.Consents.LongCountAsync(cancellationToken));
        if (!same || !sameConsent || counts != (plan.Records.Length, plan.Links, plan.Consents.Length))
        {
            throw new InvalidOperationException($"Read-back mismatch: record {expected.Id} equal={same}, consent equal={sameConsent}, counts {counts}.");
        }
    }

    /// <summary>The same UTC instant, to PostgreSQL's precision (timestamptz keeps microseconds; DateTime has 100 ns ticks).</summary>
    private static bool SameInstant(DateTime read, DateTime written) =>
        read.Kind == DateTimeKind.Utc && Math.Abs((read - written).Ticks) < TimeSpan.TicksPerMicrosecond;

    private static string Rate(string table, long rows, long of, Stopwatch elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{table} {rows:N0}/{of:N0} ({rows / elapsed.Elapsed.TotalSeconds:N0} rows/s)");

    private void Report(Stopwatch total, string message) =>
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed.TotalSeconds,6:F1} s] {message}"));
}
