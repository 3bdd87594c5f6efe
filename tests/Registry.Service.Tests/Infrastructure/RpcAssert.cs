using Google.Rpc;
using Grpc.Core;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>Asserts a call fails with a given status code and <c>ErrorInfo.reason</c>.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> FailsAsync(StatusCode code, string reason, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(reason, Reason(ex));
        return ex;
    }

    public static string? Reason(RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
    }

    public static BadRequest? BadRequest(RpcException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.GetRpcStatus()?.GetDetail<BadRequest>();
    }
}
