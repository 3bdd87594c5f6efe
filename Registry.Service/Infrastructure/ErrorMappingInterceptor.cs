using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The one place where handler failures become gRPC statuses: a <see cref="RegistryException"/> becomes an
/// <see cref="RpcException"/> with the same code on the plain and the rich status. Unknown exceptions are
/// not caught: they surface as a generic UNKNOWN, so stack traces and SQL never reach partners.
/// </summary>
public sealed partial class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RegistryException ex)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RegistryException ex)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (RegistryException ex)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (RegistryException ex)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(RegistryException ex, ServerCallContext context)
    {
        LogMapped(logger, LevelOf(ex.Code), context.Method, ex.Code, ex.Reason);
        return RegistryStatusMapping.ToRpcException(ex);
    }

    // A refusal or a bad request is the caller's expected answer, and already audited where it matters: logging each
    // one at Information cost more CPU than the check itself under load (docs/benchmarks.md). Failures on the
    // service's side (UNAVAILABLE: the audit log or the database) stay visible.
    private static LogLevel LevelOf(StatusCode code) => code == StatusCode.Unavailable ? LogLevel.Warning : LogLevel.Debug;

    [LoggerMessage(EventId = 1001, EventName = nameof(LogMapped), Message = "{Method} failed with {Code} ({Reason})")]
    private static partial void LogMapped(ILogger logger, LogLevel level, string method, StatusCode code, string reason);
}
