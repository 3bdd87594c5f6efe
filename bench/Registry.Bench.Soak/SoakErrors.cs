using Google.Rpc;
using Grpc.Core;
using Registry.Client;

namespace Registry.Bench.Soak;

/// <summary>Names a failed call's kind as <c>StatusCode/REASON</c> (the server's ErrorInfo reason), or the exception type.</summary>
public static class SoakErrors
{
    public static string Kind(Exception exception) => exception switch
    {
        RegistryRequestException e => $"{e.StatusCode}/{e.ErrorCode ?? "-"}",
        RpcException e => $"{e.StatusCode}/{e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "-"}",
        _ => exception.GetType().Name,
    };

    public static string Message(Exception exception) => exception switch
    {
        RpcException e => e.Status.Detail,
        _ => exception.Message,
    };
}
