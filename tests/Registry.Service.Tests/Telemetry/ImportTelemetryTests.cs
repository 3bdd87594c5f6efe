using Registry.Protos.V1;
using Registry.Service.Import;
using Registry.Service.Tests.Import;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Telemetry;

/// <summary>An import through the real ImportRecords stream counts its rows by result and times each committed batch.</summary>
public sealed class ImportTelemetryTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    [Fact]
    public async Task ImportRecords_TwoImports_CountRowsByResult()
    {
        var admin = _scenario.Admin;
        var (a, b) = ("case-" + Guid.NewGuid().ToString("N"), "case-" + Guid.NewGuid().ToString("N"));
        var (h1a, h1b) = (TestKeys.NewH1(), TestKeys.NewH1());
        using var sut = new TelemetryRecorder(factory);

        await ImportStream.RunAsync(admin, [ImportStream.Batch(1, [ImportStream.Row(2, a, h1a), ImportStream.Row(3, b, h1b), ImportStream.Row(4, "", h1b)])]);
        await ImportStream.RunAsync(admin, [ImportStream.Batch(1, [ImportStream.Row(2, a, h1a), ImportStream.Row(3, b, h1b, RecordStatus.Overturned)])]);

        Assert.Equal(2, sut.Sum(ImportMetrics.RowsName, ("result", "inserted")));
        Assert.Equal(1, sut.Sum(ImportMetrics.RowsName, ("result", "rejected")));
        Assert.Equal(1, sut.Sum(ImportMetrics.RowsName, ("result", "unchanged")));
        Assert.Equal(1, sut.Sum(ImportMetrics.RowsName, ("result", "updated")));
        Assert.Equal(2, sut.Of(ImportMetrics.BatchDurationName, ("outcome", "committed")).Count);
    }
}
