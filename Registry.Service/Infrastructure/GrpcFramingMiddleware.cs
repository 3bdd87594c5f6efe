using System.IO.Pipelines;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Registry.Service.Infrastructure;

/// <summary>
/// Puts a <see cref="GrpcFrameReader"/> between every gRPC call and its request body, with the limits of the call's RPC
/// (<see cref="RpcLimits"/>). Runs after routing and authorization, so a refused caller's body is never read.
/// </summary>
public sealed class GrpcFramingMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc)
        {
            var method = grpc.Method;
            var reader = new GrpcFrameReader(context.Request.BodyReader, RpcLimits.For(method), method.FullName, method.Type,
                context.Request.Headers["grpc-encoding"].ToString());
            context.Features.Set<IRequestBodyPipeFeature>(new FramedBody(reader));
        }

        return next(context);
    }

    private sealed class FramedBody(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }
}
