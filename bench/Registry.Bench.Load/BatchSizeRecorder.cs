using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Registry.Bench.Load;

/// <summary>
/// Counts the group-commit batch sizes from the writer's own Trace event (1502, "Committed an audit batch of
/// {Count} entries"), so the service needs no benchmark hook.
/// </summary>
public sealed class BatchSizeRecorder : ILoggerProvider
{
    public const string WriterCategory = "Registry.Service.Audit.GroupCommitAuditLog";
    private const int BatchCommittedEventId = 1502;

    private ConcurrentQueue<int> _sizes = new();

    /// <summary>Starts a new measurement window and returns the sizes seen in the previous one.</summary>
    public IReadOnlyList<int> Reset() => Interlocked.Exchange(ref _sizes, new ConcurrentQueue<int>()).ToArray();

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName == WriterCategory);

    public void Dispose()
    {
    }

    private sealed class Recorder(BatchSizeRecorder owner, bool isWriter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => isWriter;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!isWriter || eventId.Id != BatchCommittedEventId || state is not IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                return;
            }

            foreach (var (key, value) in values)
            {
                if (key == "Count" && value is int count)
                {
                    owner._sizes.Enqueue(count);
                }
            }
        }
    }
}
