using System.Collections.Concurrent;
using System.Diagnostics;

namespace Registry.Bench.Soak;

/// <summary>
/// Every call's result, by operation and result (<c>OK</c>, an expected refusal, or an error kind such as
/// <c>Unavailable/AUDIT_UNAVAILABLE</c>), the first few error messages of each kind, and latencies per soak minute.
/// Thread-safe.
/// </summary>
public sealed class CallLedger(long soakStartTimestamp)
{
    private const int MessagesPerKind = 3;

    private readonly ConcurrentDictionary<(SoakOperation Operation, string Result), long> _results = new();
    private readonly ConcurrentDictionary<(SoakOperation Operation, string Kind), long> _errors = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _messages = new();
    private readonly ConcurrentDictionary<int, MinuteLatencies> _minutes = new();
    private long _calls;

    public long SoakStartTimestamp { get; set; } = soakStartTimestamp;

    public IReadOnlyDictionary<(SoakOperation Operation, string Result), long> Results => _results;

    public IReadOnlyDictionary<(SoakOperation Operation, string Kind), long> Errors => _errors;

    public IReadOnlyDictionary<string, ConcurrentQueue<string>> Messages => _messages;

    public IReadOnlyDictionary<int, MinuteLatencies> Minutes => _minutes;

    public long ErrorCount => _errors.Values.Sum();

    /// <summary>Calls recorded so far, any operation and result.</summary>
    public long CallCount => Interlocked.Read(ref _calls);

    /// <summary>A call answered as expected (<paramref name="result"/> <c>OK</c>, an outcome, or an expected refusal's reason).</summary>
    public void Expected(SoakOperation operation, string result, long startedAt, long endedAt)
    {
        _results.AddOrUpdate((operation, result), 1, (_, n) => n + 1);
        Interlocked.Increment(ref _calls);
        Latency(operation, startedAt, endedAt, isError: false);
    }

    /// <summary>A call whose result is an error: any non-OK where OK was expected, a wrong outcome, an answer where a refusal was expected.</summary>
    public void Error(SoakOperation operation, string kind, string? message, long startedAt, long endedAt)
    {
        _results.AddOrUpdate((operation, "error " + kind), 1, (_, n) => n + 1);
        _errors.AddOrUpdate((operation, kind), 1, (_, n) => n + 1);
        Interlocked.Increment(ref _calls);
        if (message is not null)
        {
            var queue = _messages.GetOrAdd($"{operation} {kind}", _ => new ConcurrentQueue<string>());
            if (queue.Count < MessagesPerKind)
            {
                // Bounded: messages of the SDK and of gRPC carry no personal data, but keep them short anyway.
                queue.Enqueue(message.Length > 300 ? message[..300] : message);
            }
        }

        Latency(operation, startedAt, endedAt, isError: true);
    }

    private void Latency(SoakOperation operation, long startedAt, long endedAt, bool isError)
    {
        if (operation is SoakOperation.ProbeCheck or SoakOperation.ImportBatch || endedAt < SoakStartTimestamp)
        {
            return;
        }

        var minute = (int)(Stopwatch.GetElapsedTime(SoakStartTimestamp, endedAt).TotalSeconds / 60);
        _minutes.GetOrAdd(minute, _ => new MinuteLatencies()).Add(operation, Stopwatch.GetElapsedTime(startedAt, endedAt).TotalMilliseconds, isError);
    }

    /// <summary>The latencies (ms) of the calls that ended in one minute of the soak: seeded checks apart, and all calls.</summary>
    public sealed class MinuteLatencies
    {
        private readonly Lock _lock = new();
        private readonly List<double> _checks = new(1 << 17);
        private readonly List<double> _all = new(1 << 17);

        private long _errors;

        public long Errors => Interlocked.Read(ref _errors);

        public void Add(SoakOperation operation, double milliseconds, bool isError)
        {
            if (isError)
            {
                Interlocked.Increment(ref _errors);
            }

            lock (_lock)
            {
                _all.Add(milliseconds);
                if (operation == SoakOperation.CheckSeeded)
                {
                    _checks.Add(milliseconds);
                }
            }
        }

        public (double[] Checks, double[] All) Sorted()
        {
            lock (_lock)
            {
                var checks = _checks.ToArray();
                var all = _all.ToArray();
                Array.Sort(checks);
                Array.Sort(all);
                return (checks, all);
            }
        }
    }
}
