using Google.Protobuf;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Tests.Infrastructure;
using RecordCategory = Registry.Service.Records.RecordCategory;
using RecordStatus = Registry.Service.Records.RecordStatus;

namespace Registry.Service.Tests.Checks;

/// <remarks>Runs on SQLite; the same tests run on PostgreSQL in Postgres/OnPostgresTests.cs.</remarks>
public class CheckGrpcServiceTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private static readonly DateOnly Today = DateOnly.FromDateTime(RegistryAppFactory.StartTime.UtcDateTime);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_SubjectWithoutRecords_ReturnsNoRecordAndAReceipt()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(key, h1);

        var response = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.NoRecord, response.Outcome);
        Assert.Null(response.Summary);
        Assert.True(Guid.TryParse(response.AuditEntryId, out _));
        Assert.Equal(0, response.ConsentUsesRemaining);
    }

    [Fact]
    public async Task Check_PresenceScopeWithRecord_ReturnsRecordFoundWithoutSummary()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-2));
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Presence);

        var response = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, response.Outcome);
        Assert.Null(response.Summary);
    }

    [Fact]
    public async Task Check_SummaryScope_ReturnsCountsLatestDatesAndOrderInForce()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, RecordCategory.AdministrativeOffense, RecordStatus.Active, Today.AddYears(-3));
        await _scenario.SeedRecordAsync(h1, RecordCategory.AdministrativeOffense, RecordStatus.Expired, Today.AddYears(-1));
        await _scenario.SeedRecordAsync(h1, RecordCategory.ProtectiveOrder, RecordStatus.Active, Today.AddDays(-10), expiresAt: Today.AddDays(20));
        await _scenario.SeedRecordAsync(h1, RecordCategory.CriminalConviction, RecordStatus.Overturned, Today.AddYears(-1));
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Summary);

        var response = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, response.Outcome);
        Assert.True(response.Summary.ProtectiveOrderInForce);
        Assert.Collection(response.Summary.Categories,
            c =>
            {
                Assert.Equal(Protos.V1.RecordCategory.ProtectiveOrder, c.Category);
                Assert.Equal(1, c.Count);
            },
            c =>
            {
                Assert.Equal(Protos.V1.RecordCategory.AdministrativeOffense, c.Category);
                Assert.Equal(2, c.Count);
                Assert.Equal(Today.AddYears(-1).Year, c.LatestDecisionDate.Year);
                Assert.Equal(Today.AddYears(-1).Month, c.LatestDecisionDate.Month);
                Assert.Equal(Today.AddYears(-1).Day, c.LatestDecisionDate.Day);
            });
    }

    [Theory]
    [InlineData(RecordCategory.CriminalConviction, RecordStatus.Overturned, -1, null)]
    [InlineData(RecordCategory.CriminalConviction, RecordStatus.Expunged, -1, null)]
    [InlineData(RecordCategory.CriminalConviction, RecordStatus.Active, -11, null)]
    [InlineData(RecordCategory.AdministrativeOffense, RecordStatus.Active, -6, null)]
    [InlineData(RecordCategory.ProtectiveOrder, RecordStatus.Expired, -5, -4)]
    [InlineData(RecordCategory.RestrainingOrder, RecordStatus.Expired, -5, -4)]
    public async Task Check_UndisclosableRecord_ReturnsNoRecord(RecordCategory category, RecordStatus status, int decidedYearsAgo, int? endedYearsAgo)
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, category, status, Today.AddYears(decidedYearsAgo),
            expiresAt: endedYearsAgo is { } ended ? Today.AddYears(ended) : null);
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Summary);

        var response = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.NoRecord, response.Outcome);
        Assert.Null(response.Summary);
    }

    [Theory]
    [InlineData(RecordCategory.CriminalConviction, -9, null)]
    [InlineData(RecordCategory.AdministrativeOffense, -4, null)]
    [InlineData(RecordCategory.ProtectiveOrder, -4, -2)]
    [InlineData(RecordCategory.ProtectiveOrder, -8, null)]
    public async Task Check_RecordWithinRetention_ReturnsRecordFound(RecordCategory category, int decidedYearsAgo, int? endedYearsAgo)
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, category, RecordStatus.Expired, Today.AddYears(decidedYearsAgo),
            expiresAt: endedYearsAgo is { } ended ? Today.AddYears(ended) : null);
        var consentId = await _scenario.GrantAsync(key, h1);

        var response = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.RecordFound, response.Outcome);
    }

    [Fact]
    public async Task Check_ExpiredOrderInSummary_IsCountedButNotInForce()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var h1 = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(h1, RecordCategory.ProtectiveOrder, RecordStatus.Expired, Today.AddMonths(-3), expiresAt: Today.AddMonths(-2));
        var consentId = await _scenario.GrantAsync(key, h1, scope: ConsentScope.Summary);

        var response = await _scenario.Checks(key).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

        Assert.False(response.Summary.ProtectiveOrderInForce);
        Assert.Equal(1, Assert.Single(response.Summary.Categories).Count);
    }

    [Fact]
    public async Task Check_H1OfWrongLength_ReturnsInvalidArgumentWithFieldViolation()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var request = RegistryScenario.CheckRequest("c_x", new byte[31]);

        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await _scenario.Checks(key).CheckAsync(request, cancellationToken: Ct));

        Assert.Contains(RpcAssert.BadRequest(ex)!.FieldViolations, v => v.Field == "h1");
    }

    [Fact]
    public async Task CheckBatch_MixedItems_AnswersEachOnItsOwn()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var clean = TestKeys.NewH1();
        var flagged = TestKeys.NewH1();
        await _scenario.SeedRecordAsync(flagged, RecordCategory.CriminalConviction, RecordStatus.Active, Today.AddYears(-1));
        var cleanConsent = await _scenario.GrantAsync(key, clean);
        var flaggedConsent = await _scenario.GrantAsync(key, flagged);
        var request = new CheckBatchRequest
        {
            Items =
            {
                RegistryScenario.CheckRequest(cleanConsent, clean),
                RegistryScenario.CheckRequest(flaggedConsent, flagged),
                RegistryScenario.CheckRequest("c_unknown", clean),
                new CheckRequest { ConsentId = cleanConsent, H1 = ByteString.CopyFrom(new byte[3]), Purpose = Purpose.DatingSafety },
            },
        };

        var response = await _scenario.Checks(key).CheckBatchAsync(request, cancellationToken: Ct);

        Assert.Equal(4, response.Results.Count);
        Assert.Equal(CheckOutcome.NoRecord, response.Results[0].Response.Outcome);
        Assert.Equal(CheckOutcome.RecordFound, response.Results[1].Response.Outcome);
        Assert.Equal((int)StatusCode.PermissionDenied, response.Results[2].Error.Code);
        Assert.Equal((int)StatusCode.InvalidArgument, response.Results[3].Error.Code);
        Assert.Equal([0, 1, 2, 3], response.Results.Select(r => r.Index));
    }

    [Fact]
    public async Task CheckBatch_MoreThan100Items_ReturnsInvalidArgument()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var request = new CheckBatchRequest();
        request.Items.Add(Enumerable.Range(0, 101).Select(_ => RegistryScenario.CheckRequest("c_x", TestKeys.NewH1())));

        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await _scenario.Checks(key).CheckBatchAsync(request, cancellationToken: Ct));
    }
}
