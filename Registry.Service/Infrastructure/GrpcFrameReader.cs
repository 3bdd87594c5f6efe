using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Pipelines;
using Grpc.Core;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The request body of one gRPC call, as grpc-dotnet reads it, with its framing checked on the way: each message's
/// 5-byte prefix (compressed flag, big-endian length) as soon as it arrives, against the RPC's <see cref="RpcLimit"/>,
/// and the end of the body. grpc-dotnet answers these faults with INTERNAL or UNKNOWN (a flag other than 0 or 1, a
/// length past 2 GiB, a body that ends inside a message, a second message on a unary call); here they are the caller's
/// fault, INVALID_ARGUMENT, or RESOURCE_EXHAUSTED for size, thrown from the read so grpc-dotnet sends them as they are.
/// </summary>
/// <remarks>
/// Compressed request messages are refused before any byte is inflated: the service needs no request compression,
/// and an inflated message has no size limit in grpc-dotnet (a 4 MiB admin message could inflate to gigabytes).
/// It assumes what grpc-dotnet does: the caller consumes whole messages, never part of a prefix.
/// </remarks>
public sealed class GrpcFrameReader(PipeReader inner, RpcLimit limit, string method, MethodType type, string? encoding) : PipeReader
{
    private const int PrefixSize = 5;

    private ReadOnlySequence<byte> _buffer;
    private long _consumed;    // bytes the caller has consumed, from the start of the body
    private long _nextPrefix;  // where the next unchecked message prefix starts, from the start of the body
    private int _messages;

    private bool IsSingleMessage => type is MethodType.Unary or MethodType.ServerStreaming;

    public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var result = await inner.ReadAsync(cancellationToken);
        Inspect(result);
        return result;
    }

    public override bool TryRead(out ReadResult result)
    {
        if (!inner.TryRead(out result))
        {
            return false;
        }

        Inspect(result);
        return true;
    }

    public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
    {
        _consumed += _buffer.Slice(0, consumed).Length;
        inner.AdvanceTo(consumed, examined);
    }

    public override void CancelPendingRead() => inner.CancelPendingRead();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    private void Inspect(in ReadResult result)
    {
        _buffer = result.Buffer;
        if (result.IsCanceled)
        {
            return;
        }

        var end = _consumed + result.Buffer.Length;
        Span<byte> prefix = stackalloc byte[PrefixSize];
        while (_nextPrefix + PrefixSize <= end)
        {
            result.Buffer.Slice(_nextPrefix - _consumed, PrefixSize).CopyTo(prefix);
            var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
            Fail(CheckPrefix(prefix[0], length), result);
            _nextPrefix += PrefixSize + length;
        }

        // grpc-dotnet answers INTERNAL for any byte after a unary call's message, even part of a prefix.
        if (IsSingleMessage && _messages == 1 && end > _nextPrefix)
        {
            Fail(RegistryErrors.MalformedRequest($"{method} takes exactly one request message."), result);
        }

        if (result.IsCompleted)
        {
            Fail(CheckEnd(end), result);
        }
    }

    private RegistryException? CheckPrefix(byte flag, uint length)
    {
        if (flag > 1)
        {
            return RegistryErrors.MalformedRequest("A message's compressed flag must be 0 or 1.");
        }

        if (flag == 1)
        {
            return string.IsNullOrEmpty(encoding) || encoding == "identity"
                ? RegistryErrors.MalformedRequest("A message is marked compressed but the call names no grpc-encoding.")
                : new RegistryException(StatusCode.Unimplemented, "COMPRESSION_NOT_ACCEPTED",
                    "Compressed request messages are not accepted: send them uncompressed (grpc-encoding identity).");
        }

        if (++_messages > 1 && IsSingleMessage)
        {
            return RegistryErrors.MalformedRequest($"{method} takes exactly one request message.");
        }

        if (length > limit.MaxMessageSize)
        {
            return RegistryErrors.RequestTooLarge(string.Create(CultureInfo.InvariantCulture,
                $"A request message of {method} may hold at most {limit.MaxMessageSize} bytes."));
        }

        return _messages > limit.MaxMessages
            ? RegistryErrors.RequestTooLarge(string.Create(CultureInfo.InvariantCulture, $"A call of {method} may send at most {limit.MaxMessages} messages."))
            : null;
    }

    private RegistryException? CheckEnd(long end)
    {
        if (end != _nextPrefix)
        {
            return RegistryErrors.MalformedRequest("The request ends inside a message: its length prefix is longer than what was sent.");
        }

        return IsSingleMessage && _messages == 0 ? RegistryErrors.MalformedRequest($"{method} needs one request message; none was sent.") : null;
    }

    private void Fail(RegistryException? failure, in ReadResult result)
    {
        if (failure is null)
        {
            return;
        }

        // The caller never sees this result, so it will not advance past it: release it here.
        inner.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        throw RegistryStatusMapping.ToRpcException(failure);
    }
}
