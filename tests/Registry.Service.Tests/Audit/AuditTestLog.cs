using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Client.Transparency;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>Drives the sequencer and reads or tampers with the audit tables of a test host's database.</summary>
public sealed class AuditTestLog(RegistryAppFactory factory)
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<SequencingResult> SequenceAsync() =>
        await factory.Services.GetRequiredService<AuditSequencer>().SequenceOnceAsync(Ct);

    public async Task<AuditService.AuditServiceClient> AuditorAsync()
    {
        var (_, key) = await _scenario.CreatePartnerAsync(Role.Auditor);
        return new AuditService.AuditServiceClient(factory.CreateChannel(key));
    }

    public NoteVerifier Verifier => factory.Services.GetRequiredService<NoteSigner>().Verifier;

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(Ct);
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(Ct);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every row of the audit table, one dictionary of column → value per row.</summary>
    public async Task<List<Dictionary<string, object?>>> RowsAsync(string where = "1=1")
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM audit_entries WHERE {where} ORDER BY RecordedAt, Id";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
