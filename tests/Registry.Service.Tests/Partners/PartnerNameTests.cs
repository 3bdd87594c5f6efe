using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Partners;

/// <summary>Partner names are unique ignoring case, width, spacing and invisible characters (issue 10), down to the database.</summary>
public sealed class PartnerNameTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("upper")]
    [InlineData("lower")]
    [InlineData("padded")]
    [InlineData("spaced")]
    [InlineData("full width")]
    [InlineData("zero-width space")]
    public async Task CreatePartner_SameNameInAnotherForm_ReturnsAlreadyExists(string form)
    {
        var name = $"Acme Safety {Guid.NewGuid():N}"[..24];
        await CreateAsync(name);
        var variant = Variant(name, form);

        var ex = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "PARTNER_EXISTS", async () => await CreateAsync(variant));

        Assert.Contains($"'{name}'", ex.Status.Detail, StringComparison.Ordinal);
        var partners = await _scenario.Admin.ListPartnersAsync(new ListPartnersRequest(), cancellationToken: Ct);
        Assert.Single(partners.Partners, p => PartnerNames.Key(p.Name) == PartnerNames.Key(name));
    }

    [Fact]
    public async Task CreatePartner_ADifferentName_IsCreated()
    {
        var name = $"Acme {Guid.NewGuid():N}";
        await CreateAsync(name);

        var response = await CreateAsync(name + " 2");

        Assert.Equal(name + " 2", response.Partner.Name);
    }

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\u00AD")]
    public async Task CreatePartner_OnlyInvisibleCharacters_ReturnsInvalidArgument(string name)
    {
        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", async () => await CreateAsync(name));

        Assert.Contains(RpcAssert.BadRequest(ex)!.FieldViolations, v => v.Field == "name");
    }

    [Fact]
    public async Task SaveChanges_SecondPartnerWithTheSameKey_IsRefusedByTheUniqueIndex()
    {
        var name = $"Index {Guid.NewGuid():N}";
        await CreateAsync(name);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.Partners.Add(new Registry.Service.Partners.Partner
        {
            Id = PartnerIds.New(),
            Name = name.ToUpperInvariant(),
            NormalizedName = PartnerNames.Key(name)!,
            Role = PartnerRole.Auditor,
            Version = Guid.NewGuid(),
        });

        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        Assert.Contains("UNIQUE", ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ExistingNamesThatCollide_KeepsThemAndIndexesTheirKeys()
    {
        var path = Path.Combine(factory.Directory, $"legacy-{Guid.NewGuid():N}.db");
        await using var db = new SqliteRegistryDbContext(new DbContextOptionsBuilder<SqliteRegistryDbContext>().UseSqlite($"Data Source={path}").Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261202005558_PartnerQuota", Ct);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO partners (Id, Name, Role, AllowedPurposes, IsSuspended, CreatedAt, Version) VALUES
            ('p_0000000000000001', 'Acme', 'Auditor', '', 0, '2026-11-01 00:00:00', '00000000-0000-0000-0000-000000000001'),
            ('p_0000000000000002', ' ACME ', 'Auditor', '', 0, '2026-11-02 00:00:00', '00000000-0000-0000-0000-000000000002'),
            ('p_0000000000000003', 'Other', 'Auditor', '', 0, '2026-11-03 00:00:00', '00000000-0000-0000-0000-000000000003');
            """, Ct);

        await migrator.MigrateAsync(cancellationToken: Ct);

        var keys = await db.Partners.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Name, p.NormalizedName }).ToListAsync(Ct);
        Assert.Equal(["Acme", " ACME ", "Other"], keys.Select(k => k.Name));
        Assert.Equal(["ACME", "#p_0000000000000002", "OTHER"], keys.Select(k => k.NormalizedName));
        SqliteConnection.ClearAllPools();
    }

    private static string Variant(string name, string form) => form switch
    {
        "upper" => name.ToUpperInvariant(),
        "lower" => name.ToLowerInvariant(),
        "padded" => "  " + name + "\t",
        "spaced" => name.Replace(" ", "   ", StringComparison.Ordinal),
        "full width" => string.Concat(name.Select(c => c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c)),
        "zero-width space" => name[..4] + "\u200B" + name[4..],
        _ => throw new ArgumentOutOfRangeException(nameof(form), form, null),
    };

    private async Task<CreatePartnerResponse> CreateAsync(string name) =>
        await _scenario.Admin.CreatePartnerAsync(new CreatePartnerRequest { Name = name, Role = Role.Auditor }, cancellationToken: Ct);
}
