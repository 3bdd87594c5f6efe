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
}
