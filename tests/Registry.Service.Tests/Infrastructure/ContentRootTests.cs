using Grpc.Health.V1;
using Registry.Service.Tests.Audit;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>The built service, started as an operator would, from a folder that is not its own (issue 8).</summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string _workingDirectory = Path.Combine(Path.GetTempPath(), "registry-tests", Guid.NewGuid().ToString("N"));
    private readonly string _dataFolder = Path.Combine("data", "content-root-test-" + Guid.NewGuid().ToString("N"));

    public ContentRootTests() => Directory.CreateDirectory(_workingDirectory);

    [Fact]
    public async Task BuiltService_FromAForeignWorkingDirectory_SpeaksH2cAndKeepsItsDataUnderItsOwnFolder()
    {
        var databasePath = Path.Combine(_dataFolder, "registry.db");
        var adminKeyFile = Path.Combine(_dataFolder, "admin.key");
        using var sut = ServiceProcess.StartFrom(_workingDirectory, databasePath, adminKeyFile);
        var health = new Health.HealthClient(sut.CreateChannel(null));

        // A real gRPC call over h2c: only answered if appsettings.json (Kestrel Protocols=Http2) was found.
        await Eventually.UntilAsync(
            async () => (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken)).Status
                == HealthCheckResponse.Types.ServingStatus.Serving,
            TimeSpan.FromSeconds(60), () => $"the service to answer Health/Check over h2c (exited: {sut.HasExited})\n{sut.Output}");

        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, databasePath)), "the database is under the app's folder (the content root)");
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, adminKeyFile)), "relative key files resolve against the content root");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_workingDirectory));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in new[] { _workingDirectory, Path.Combine(AppContext.BaseDirectory, _dataFolder) })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Nothing was created there.
            }
        }
    }
}
