using System.Collections.Concurrent;
using System.Threading.Channels;
using Google.Protobuf;
using Grpc.Core;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>Records every call the fake services receive, and lets tests wait for calls without sleeping.</summary>
public sealed class CallRecorder(TimeProvider timeProvider)
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly Channel<bool> _arrived = Channel.CreateUnbounded<bool>();

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    public IReadOnlyList<TRequest> RequestsOf<TRequest>()
        where TRequest : IMessage => Calls.Select(c => c.Request).OfType<TRequest>().ToArray();

    public void Record(string method, IMessage request, ServerCallContext context)
    {
        _calls.Enqueue(new RecordedCall(method, request, context.RequestHeaders.GetValue("authorization"), timeProvider.GetUtcNow()));
        _arrived.Writer.TryWrite(true);
    }

    public async Task WaitForCallsAsync(int count, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        while (_calls.Count < count)
        {
            await _arrived.Reader.ReadAsync(deadline.Token);
        }
    }
}

public sealed record RecordedCall(string Method, IMessage Request, string? Authorization, DateTimeOffset ReceivedAt);
