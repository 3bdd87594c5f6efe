using Grpc.Health.V1;
using Registry.Protos.V1;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>Start-up behaviour: migration, keys, bootstrap, health.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_EmptyDatabase_CreatesAdminKeyFileOwnerOnlyAndServesHealth()
    {
        using var factory = new RegistryAppFactory();

        var health = await new Health.HealthClient(factory.CreateChannel(null)).CheckAsync(new HealthCheckRequest(), cancellationToken: Ct);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Matches("^rk_[0-9a-f]{16}_[0-9a-f]{64}$", factory.AdminApiKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(factory.AdminKeyFile));
    }

    [Fact]
    public async Task Start_SecondTimeOnSameDatabase_DoesNotCreateAnotherAdmin()
    {
        using var first = new RegistryAppFactory();
        var firstKey = first.AdminApiKey;
        using var second = new RegistryAppFactory()
            .With("ConnectionStrings:Registry", $"Data Source={first.DatabasePath}")
            .With("Registry:Bootstrap:AdminKeyFile", Path.Combine(first.Directory, "second.key"));

        var partners = await new AdminService.AdminServiceClient(second.CreateChannel(firstKey))
            .ListPartnersAsync(new ListPartnersRequest(), cancellationToken: Ct);

        Assert.Single(partners.Partners, p => p.Role == Role.Admin);
        Assert.False(File.Exists(Path.Combine(first.Directory, "second.key")));
    }

    [Fact]
    public void Start_ProductionWithoutSubjectKey_FailsWithAClearMessage()
    {
        using var factory = new RegistryAppFactory { EnvironmentName = "Production" }.With("Registry:SubjectKey:Secret", null);

        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Registry:SubjectKey:Secret", Flatten(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_ProductionWithoutSigningKey_FailsWithAClearMessage()
    {
        using var factory = new RegistryAppFactory { EnvironmentName = "Production" }.With("Registry:Audit:SigningKey", null);

        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("Registry:Audit:SigningKey", Flatten(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_DevelopmentWithoutSubjectKey_GeneratesOneBesideTheDatabase()
    {
        using var factory = new RegistryAppFactory { EnvironmentName = "Development" }
            .With("Registry:SubjectKey:Secret", null)
            .With("Registry:Audit:SigningKey", null);

        _ = factory.Server;

        Assert.True(File.Exists(Path.Combine(factory.Directory, "audit-signing.key")));
        var keyFile = Path.Combine(factory.Directory, "subject-key.b64");
        Assert.Equal(32, Convert.FromBase64String(File.ReadAllText(keyFile).Trim()).Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
    }

    [Fact]
    public void Start_BadSubjectKey_Fails()
    {
        using var factory = new RegistryAppFactory().With("Registry:SubjectKey:Secret", Convert.ToBase64String(new byte[16]));

        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("32 bytes", Flatten(ex), StringComparison.Ordinal);
    }

    [Fact]
    public void Start_SqlServerWithoutConnectionString_FailsWithAClearMessage()
    {
        using var factory = new RegistryAppFactory()
            .With("Registry:Database:Provider", "SqlServer")
            .With("ConnectionStrings:Registry", null);

        var ex = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains("ConnectionStrings:Registry", Flatten(ex), StringComparison.Ordinal);
    }

    private static string Flatten(Exception ex) => ex.ToString();
}
