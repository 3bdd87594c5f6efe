using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Registry.Service.Infrastructure;

/// <summary>Builds the rich <c>google.rpc.Status</c> of a <see cref="RegistryException"/>.</summary>
public static class RegistryStatusMapping
{
    public const string ErrorDomain = "registry";

    public static Google.Rpc.Status ToStatus(RegistryException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var info = new ErrorInfo { Reason = exception.Reason, Domain = ErrorDomain };
        foreach (var (key, value) in exception.Metadata)
        {
            info.Metadata[key] = value;
        }

        var status = new Google.Rpc.Status
        {
            Code = (int)exception.Code,
            Message = exception.Message,
            Details = { Any.Pack(info) },
        };
        if (exception.Violations.Count > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.Add(exception.Violations.Select(v =>
                new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        if (exception.RetryDelay is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status;
    }

    public static RpcException ToRpcException(RegistryException exception) => ToStatus(exception).ToRpcException();

    /// <summary>
    /// Ends a unary call with <paramref name="exception"/>'s status without throwing: the code and message, and the rich
    /// status in the <c>grpc-status-details-bin</c> trailer, exactly as <see cref="ToRpcException"/> would carry them.
    /// The handler then returns an empty response, which clients discard: a gRPC client reports the trailers' status.
    /// </summary>
    public static void SetStatus(ServerCallContext context, RegistryException exception)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = ToStatus(exception);
        context.ResponseTrailers.SetRpcStatus(status);
        context.Status = new Grpc.Core.Status(exception.Code, status.Message);
    }
}
