using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
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
/// <see cref="DatabaseMigrator"/>), then writes a generated <see cref="SeedPlan"/> in one transaction through
/// <see cref="BulkTableWriter{TEntity}"/>, with the secondary indexes built after the load.
/// </summary>
public sealed class RegistrySeeder(SeedArguments arguments, TextWriter progress)
{
    public async Task<SeedManifest> RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var path = Path.GetFullPath(arguments.Database);
        PrepareFile(path);
        var secret = arguments.SubjectKeySecret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyRing = new SubjectKeyRing(arguments.SubjectKeyId, Convert.FromBase64String(secret));

        // Pooling off: the load switches the file out of WAL, which needs every other connection closed.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Registry"] = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString(),
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
        Report(total, $"migrated {path}");

        var now = TimeProvider.System.GetUtcNow();
        var plan = SeedPlan.Generate(arguments, keyRing, provider.GetRequiredService<DisclosurePolicy>(), now);
        Report(total, $"generated {plan.Records.Length:N0} records of {plan.PeopleWithRecords:N0} people, {plan.Links:N0} subject links, {plan.Consents.Length:N0} consents");

        var factory = provider.GetRequiredService<IDbContextFactory<RegistryDbContext>>();
        SeedCaller partner, auditor, admin;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            Pragma(connection, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-524288; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;");
            var callers = new CallerSeeder(db, provider.GetRequiredService<ApiKeyIssuer>(), now.UtcDateTime);
            partner = await callers.AddAsync("bench-partner", PartnerRole.Partner, [ConsentPurpose.DatingSafety, ConsentPurpose.PersonalSafety], cancellationToken);
            auditor = await callers.AddAsync("bench-auditor", PartnerRole.Auditor, [], cancellationToken);
            admin = await callers.AddAsync("bench-admin", PartnerRole.Admin, [], cancellationToken);
            Report(total, "added partner, auditor and admin with API keys");

            var tables = new[] { typeof(CourtRecord), typeof(RecordSubject), typeof(SubjectConsent) }
                .Select(t => db.Model.FindEntityType(t)!.GetTableName()!).ToArray();
            var indexes = new SecondaryIndexes(connection, tables);
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                Write(db, transaction.GetDbTransaction(), plan, partner.PartnerId, total);
                var commit = Stopwatch.StartNew();
                await transaction.CommitAsync(cancellationToken);
                Report(total, $"committed in {commit.Elapsed.TotalSeconds:F1} s");
            }

            var build = Stopwatch.StartNew();
            indexes.Restore();
            Report(total, $"built {string.Join(", ", indexes.Names)} in {build.Elapsed.TotalSeconds:F1} s; schema equals the migrated one");
            Pragma(connection, "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_checkpoint(TRUNCATE);");
        }

        await VerifyAsync(factory, plan, cancellationToken);
        Report(total, "read back through EF Core: counts and a record with its subjects match");
        using var signer = NoteSigner.Generate(new AuditOptions().Origin);
        var manifest = new SeedManifest(1, now.UtcDateTime, path, arguments.Seed, plan.Records.Length, plan.Links, plan.TwoIdentityRecords,
            new SeedSubjectKey(keyRing.KeyId, secret), signer.ExportSignerKey(), partner, auditor, admin, plan.ManifestConsents);
        manifest.Write(SeedManifest.PathFor(path));
        var rows = plan.Records.Length + plan.Links + plan.Consents.Length;
        await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"done: {rows:N0} rows ({plan.Records.Length:N0} records, {plan.Links:N0} record_subjects, {plan.Consents.Length:N0} consents) in {total.Elapsed.TotalSeconds:F1} s, {rows / total.Elapsed.TotalSeconds:N0} rows/s overall; {new FileInfo(path).Length / 1e6:F0} MB; manifest {SeedManifest.PathFor(path)}"));
        return manifest;
    }

    private void Write(RegistryDbContext db, System.Data.Common.DbTransaction transaction, SeedPlan plan, string partnerId, Stopwatch total)
    {
        var load = Stopwatch.StartNew();
        using (var records = new BulkTableWriter<CourtRecord>(db, transaction))
        {
            foreach (var record in plan.Records)
            {
                records.Insert(record);
                if (records.Rows % 250_000 == 0)
                {
                    Report(total, Rate("records", records.Rows, plan.Records.Length, load));
                }
            }
        }

        load.Restart();
        using (var subjects = new BulkTableWriter<RecordSubject>(db, transaction))
        {
            foreach (var link in plan.SubjectLinks())
            {
                subjects.Insert(link);
                if (subjects.Rows % 250_000 == 0)
                {
                    Report(total, Rate("record_subjects", subjects.Rows, plan.Links, load));
                }
            }

            Report(total, Rate("record_subjects", subjects.Rows, plan.Links, load));
        }

        load.Restart();
        using var consents = new BulkTableWriter<SubjectConsent>(db, transaction);
        foreach (var consent in plan.Consents)
        {
            consents.Insert(consent.ForPartner(partnerId));
        }

        Report(total, Rate("consents", consents.Rows, plan.Consents.Length, load));
    }

    private static async Task VerifyAsync(IDbContextFactory<RegistryDbContext> factory, SeedPlan plan, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var expected = plan.Records[plan.Records.Length / 2];
        var read = await db.Records.AsNoTracking().Include(r => r.Subjects).SingleAsync(r => r.Id == expected.Id, cancellationToken);
        var same = read.SourceId == expected.SourceId && read.CaseNumber == expected.CaseNumber && read.Category == expected.Category
            && read.Status == expected.Status && read.DecisionDate == expected.DecisionDate && read.ExpiresAt == expected.ExpiresAt
            && read.Version == expected.Version && read.CreatedAt == expected.CreatedAt && read.CreatedAt.Kind == DateTimeKind.Utc
            && read.Subjects.Count > 0;
        var counts = (await db.Records.LongCountAsync(cancellationToken), await db.RecordSubjects.LongCountAsync(cancellationToken), await db.Consents.LongCountAsync(cancellationToken));
        if (!same || counts != (plan.Records.Length, plan.Links, plan.Consents.Length))
        {
            throw new InvalidOperationException($"Read-back mismatch: record {expected.Id} equal={same}, counts {counts}.");
        }
    }

    private void PrepareFile(string path)
    {
        if (File.Exists(path))
        {
            if (!arguments.Overwrite)
            {
                throw new InvalidOperationException($"{path} exists; pass --overwrite true to replace it.");
            }

            foreach (var file in new[] { path, path + "-wal", path + "-shm", SeedManifest.PathFor(path) })
            {
                File.Delete(file);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    }

    private static void Pragma(System.Data.Common.DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.NextResult())
        {
        }
    }

    private static string Rate(string table, long rows, long of, Stopwatch elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"{table} {rows:N0}/{of:N0} ({rows / elapsed.Elapsed.TotalSeconds:N0} rows/s)");

    private void Report(Stopwatch total, string message) =>
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{total.Elapsed.TotalSeconds,6:F1} s] {message}"));
}
