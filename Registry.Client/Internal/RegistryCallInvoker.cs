using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Client;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Registry.Client.Internal;

/// <summary>Runs the client's gRPC calls: adds the credential, applies the resilience pipeline, converts failures. It owns
/// the client's channel (and through it the HTTP handler the client created) and its telemetry, and disposes them.</summary>
internal sealed class RegistryCallInvoker(
    GrpcChannel channel,
    ResiliencePipeline pipeline,
    RegistryClientTelemetry telemetry,
    RegistryApiKeyCredential credential,
    TimeProvider timeProvider) : IDisposable
{
    private volatile bool _isDisposed;

    public GrpcChannel Channel => channel;

    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> call,
        TRequest request,
        bool isRepeatable,
        string? requestId,
        CancellationToken cancellationToken,
        [CallerMemberName] string method = "")
    {
        ThrowIfDisposed();
        method = MethodName(method);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RegistryResilience.IsRepeatable, isRepeatable);
        context.Properties.Set(RegistryResilience.StartedAt, timeProvider.GetTimestamp());
        context.Properties.Set(RegistryResilience.Method, method);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => state.self.AttemptAsync(state.call, state.request, ctx.CancellationToken),
                context,
                (call, request, self: this)).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw RegistryErrorConverter.FromRpcException(e, requestId);
        }
        catch (TimeoutRejectedException e)
        {
            throw RegistryErrorConverter.FromTimeout(e, requestId);
        }
        catch (BrokenCircuitException e)
        {
            var retryAfter = e.RetryAfter ?? TimeSpan.Zero;
            telemetry.Rejected(method, retryAfter);
            throw RegistryErrorConverter.FromOpenCircuit(e, retryAfter, timeProvider.GetUtcNow() + retryAfter, requestId);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<TResponse> AttemptAsync<TRequest, TResponse>(
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> call, TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await call(request, CreateCallOptions(cancellationToken)).ConfigureAwait(false);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            // Our token (the caller's, or a Polly timeout's) fired: whatever status raced in, the attempt was cancelled. Polly
            // recognises its own timeouts only as OperationCanceledException.
            throw new OperationCanceledException(cancellationToken);
        }
    }

    /// <summary>Reads a server stream lazily, one message per <c>MoveNext</c>. Streams are not retried: a partly
    /// consumed stream cannot be repeated transparently.</summary>
    public async IAsyncEnumerable<TResponse> ServerStreamAsync<TResponse>(
        Func<CallOptions, AsyncServerStreamingCall<TResponse>> call,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var streamingCall = Start(call, cancellationToken);
        while (await MoveNextAsync(streamingCall.ResponseStream, cancellationToken).ConfigureAwait(false))
        {
            yield return streamingCall.ResponseStream.Current;
        }
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> StartDuplex<TRequest, TResponse>(
        Func<CallOptions, AsyncDuplexStreamingCall<TRequest, TResponse>> call, CancellationToken cancellationToken) =>
        Start(call, cancellationToken);

    public static async Task<bool> MoveNextAsync<T>(IAsyncStreamReader<T> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.MoveNext(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException e)
        {
            throw RegistryErrorConverter.FromRpcException(e, requestId: null);
        }
    }

    public void Dispose()
    {
        _isDisposed = true;
        channel.Dispose();
        telemetry.Dispose();
    }

    // "CheckAsync" → "Check": the tag names the operation, which is also the RPC's name.
    private static string MethodName(string member) =>
        member.EndsWith("Async", StringComparison.Ordinal) ? member[..^"Async".Length] : member;

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_isDisposed, typeof(RegistryClient));

    private T Start<T>(Func<CallOptions, T> call, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        try
        {
            return call(CreateCallOptions(cancellationToken));
        }
        catch (RpcException e)
        {
            throw RegistryErrorConverter.FromRpcException(e, requestId: null);
        }
    }

    private CallOptions CreateCallOptions(CancellationToken cancellationToken) =>
        new(new Metadata { { "authorization", credential.AuthorizationHeaderValue } }, cancellationToken: cancellationToken);
}
