using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>A <see cref="FakeTimeProvider"/> that also records the due time of every timer created on it, so a test can wait
/// until the code under test is waiting on a given delay before it advances the clock.</summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();
    private readonly Channel<bool> _created = Channel.CreateUnbounded<bool>();

    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        _created.Writer.TryWrite(true);
        return timer;
    }

    public async Task WaitForTimerAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (!_dueTimes.Contains(dueTime))
        {
            await _created.Reader.ReadAsync(deadline.Token);
        }
    }
}
