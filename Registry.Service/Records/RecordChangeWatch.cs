using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Records;

/// <summary>
/// Asks the database for <see cref="RecordsVersion"/> every <see cref="RecordsOptions.ChangeCheckInterval"/> (and once at
/// start), so that <see cref="RecordFactsCache"/> forgets what another replica's change made stale. One indexed
/// single-row read on a pooled read session; a failed question is logged once and retried next tick, and the cache
/// lapses meanwhile (checks read the records).
/// </summary>
public sealed partial class RecordChangeWatch(
    ReadSessionPool sessions,
    RecordFactsCache cache,
    TimeProvider timeProvider,
    IOptions<RecordsOptions> options,
    ILogger<RecordChangeWatch> logger) : BackgroundService
{
    private bool _failing;

    /// <summary>Asks once; false when the database could not be asked.</summary>
    public async Task<bool> AskOnceAsync(CancellationToken cancellationToken)
    {
        var askedAt = timeProvider.GetTimestamp();
        ReadSession? session = null;
        try
        {
            session = await sessions.RentAsync(cancellationToken);
            var version = await RecordsVersionCommand.ReadAsync(session, cancellationToken);
            sessions.Return(session);
            session = null;
            cache.Asked(askedAt, version);
            if (_failing)
            {
                _failing = false;
                LogRecovered(logger);
            }

            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (session is not null)
            {
                sessions.Return(session, failed: true);
            }

            if (!_failing)
            {
                _failing = true;
                LogFailed(logger, ex.GetType().Name);
            }

            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.FactsCacheSize == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.ChangeCheckInterval, timeProvider);
        try
        {
            do
            {
                await AskOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 1801, EventName = nameof(LogFailed), Level = LogLevel.Warning,
        Message = "Could not ask the database whether the records changed ({ExceptionType}); checks read the records from the database until it answers again")]
    private static partial void LogFailed(ILogger logger, string exceptionType);

    [LoggerMessage(EventId = 1802, EventName = nameof(LogRecovered), Level = LogLevel.Information,
        Message = "The database answers again whether the records changed; checks use the record facts cache again")]
    private static partial void LogRecovered(ILogger logger);
}
