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
