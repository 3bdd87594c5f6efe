using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using RpcStatus = Google.Rpc.Status;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>Builds rich gRPC errors the way the service's error interceptor does (ErrorInfo, BadRequest, RetryInfo).</summary>
public static class RpcErrors
{
    public static RpcStatus Status(
        StatusCode code, string? reason = null, string message = "refused", TimeSpan? retryDelay = null,
        params (string Field, string Description)[] violations)
    {
        var status = new RpcStatus { Code = (int)code, Message = message };
        if (reason is not null)
        {
            status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = "registry" }));
        }

        if (violations.Length > 0)
        {
            var badRequest = new BadRequest();
            badRequest.FieldViolations.Add(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
            status.Details.Add(Any.Pack(badRequest));
        }

        if (retryDelay is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status;
    }

    public static RpcException Exception(
        StatusCode code, string? reason = null, string message = "refused", TimeSpan? retryDelay = null,
        params (string Field, string Description)[] violations) =>
        Status(code, reason, message, retryDelay, violations).ToRpcException();
}
