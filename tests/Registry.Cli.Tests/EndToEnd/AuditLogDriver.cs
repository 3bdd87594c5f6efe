extern alias service;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Cli.Tests.Infrastructure;
using service::Registry.Service.Audit;
using NoteSigner = Registry.Client.Transparency.NoteSigner;

namespace Registry.Cli.Tests.EndToEnd;

/// <summary>Writes, sequences and copies the audit log of a <see cref="ServiceFixture"/>'s service.</summary>
internal sealed class AuditLogDriver(ServiceFixture fixture, CliHarness cli)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Gets the public verifier key of the service's checkpoint signer, as an auditor would pin it.</summary>
    public string VerifierKey => fixture.Services.GetRequiredService<NoteSigner>().Verifier.VerifierKey;

    /// <summary>Runs one sequencer cycle now, as the service's timer would within a second.</summary>
    public async Task SequenceAsync() => await fixture.Services.GetRequiredService<AuditSequencer>().SequenceOnceAsync(Ct);

    /// <summary>Creates a partner through the CLI (one audited call); returns its audit receipt.</summary>
    public async Task<string> CreatePartnerAsync()
    {
        var run = await cli.RunAsync("partners", "create", "--name", $"app-{Guid.NewGuid():N}", "--role", "partner",
            "--purpose", "dating-safety", "--api-key", fixture.AdminKey, "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return run.Json().GetProperty("auditEntryId").GetString()!;
    }

    public async Task<string> CreateAuditorKeyAsync()
    {
        var run = await cli.RunAsync("partners", "create", "--name", $"auditor-{Guid.NewGuid():N}", "--role", "auditor",
            "--api-key", fixture.AdminKey, "--json");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        return run.Json().GetProperty("apiKey").GetProperty("apiKey").GetString()!;
    }

    /// <summary>Makes sure at least <paramref name="entries"/> entries are sequenced, over at least two checkpoints.</summary>
    public async Task EnsureSequencedAsync(int entries)
    {
        for (var i = 0; i < entries / 2; i++)
        {
            await CreatePartnerAsync();
        }

        await SequenceAsync();
        for (var i = 0; i < entries - (entries / 2); i++)
        {
            await CreatePartnerAsync();
        }

        await SequenceAsync();
    }

    /// <summary>A consistent copy of the live database (SQLite's online backup, WAL content included).</summary>
    public string CopyDatabase(string directory)
    {
        var path = Path.Combine(directory, $"copy-{Guid.NewGuid():N}.db");
        using var source = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        using var destination = new SqliteConnection($"Data Source={path};Pooling=False");
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
        return path;
    }

    /// <summary>Runs SQL on a database file as an administrator with write access would.</summary>
    public static async Task<int> ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(Ct);
    }

    public static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
