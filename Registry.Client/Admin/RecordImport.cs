using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Grpc.Core;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client.Admin;

/// <summary>One run of the ImportRecords stream: a writer task sends the batches while the caller reads the answers.</summary>
internal sealed class RecordImport(
    RegistryCallInvoker invoker,
    Func<CallOptions, AsyncDuplexStreamingCall<P.ImportRecordsRequest, P.ImportRecordsResponse>> startCall,
    P.ImportStart start,
    IAsyncEnumerable<IReadOnlyList<RecordRow>> batches)
{
    private ExceptionDispatchInfo? _writerFailure;

    public async IAsyncEnumerable<ImportBatchResult> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var callCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = invoker.StartDuplex(startCall, callCancellation.Token);
        var writer = WriteAsync(call.RequestStream, callCancellation);
        try
        {
            while (await ReadNextAsync(call.ResponseStream, callCancellation.Token).ConfigureAwait(false))
            {
                yield return AdminMapping.ToSdk(call.ResponseStream.Current);
            }

            await writer.ConfigureAwait(false);
            _writerFailure?.Throw();
        }
        finally
        {
            // Stops the writer when the caller leaves early; disposing the call then cancels the stream.
            await callCancellation.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> ReadNextAsync(IAsyncStreamReader<P.ImportRecordsResponse> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await RegistryCallInvoker.MoveNextAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_writerFailure is not null)
        {
            // The writer cancelled the call because the caller's batches failed: that failure is the one to report.
            _writerFailure.Throw();
            throw;
        }
    }

    private async Task WriteAsync(IClientStreamWriter<P.ImportRecordsRequest> stream, CancellationTokenSource callCancellation)
    {
        try
        {
            var token = callCancellation.Token;
            await stream.WriteAsync(new P.ImportRecordsRequest { Start = start }, token).ConfigureAwait(false);
            long batchNumber = 0;
            await foreach (var rows in batches.WithCancellation(token).ConfigureAwait(false))
            {
                ArgumentNullException.ThrowIfNull(rows, nameof(batches));
                var batch = AdminMapping.ToProto(++batchNumber, rows);
                await stream.WriteAsync(new P.ImportRecordsRequest { Batch = batch }, token).ConfigureAwait(false);
            }

            await stream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException)
        {
            // The call itself ended (the server failed it, or it was cancelled): the reader reports its status.
        }
        catch (Exception e)
        {
            _writerFailure = ExceptionDispatchInfo.Capture(e);
            await callCancellation.CancelAsync().ConfigureAwait(false);
        }
    }
}
