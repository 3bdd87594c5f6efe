using Grpc.Core;

namespace Registry.Service.Identity;

public static class ServerCallContextExtensions
{
    /// <summary>The authenticated caller of this call (set by the ApiKey authentication scheme).</summary>
    public static Caller GetCaller(this ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetHttpContext().Items[typeof(Caller)] as Caller
            ?? throw new InvalidOperationException("The call was not authenticated; is [Authorize] missing on the service?");
    }
}
