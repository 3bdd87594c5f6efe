using Grpc.Core;
using Registry.Client;
using Registry.Client.Identity;

namespace Registry.Cli.Infrastructure;

/// <summary>The one place where exceptions become exit codes and printed errors.</summary>
internal static class ErrorMapping
{
    /// <summary>Maps an exception a command let escape; false for exceptions that are bugs (the library's handler reports those).</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="server">The service address the command called, named when it could not be reached.</param>
    /// <param name="cancellationToken">The invocation's token: a cancellation it caused is an interruption.</param>
    /// <param name="exitCode">The exit code.</param>
    /// <param name="error">What to print.</param>
    public static bool TryMap(Exception exception, Uri? server, CancellationToken cancellationToken, out int exitCode, out CliError error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not OperationCanceledException && FindConnectionFailure(exception) is { } connection)
        {
            // The SDK reports a refused connection as the status Unavailable, as if the service had answered; say what happened.
            exitCode = ExitCodes.ServiceError;
            error = new CliError("UNAVAILABLE", $"Cannot reach the service at {server?.ToString() ?? "the configured address"}: {connection.Message}");
            return true;
        }

        (exitCode, error) = exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested =>
                (ExitCodes.Interrupted, new CliError("INTERRUPTED", "Interrupted; the last call may or may not have reached the service.")),
            IdentityValidationException invalid => (ExitCodes.Usage, new CliError("INVALID_IDENTITY", invalid.Message, invalid.Rule)),
            CliUsageException usage => (ExitCodes.Usage, new CliError("USAGE", usage.Message)),
            RegistryRequestException request => (ExitCodes.ServiceError, FromSdk(request)),
            RpcException rpc => (ExitCodes.ServiceError, FromRpc(rpc)),
            IOException or UnauthorizedAccessException => (ExitCodes.Usage, new CliError("IO_ERROR", exception.Message)),
            _ => (0, null!),
        };
        return error is not null;
    }

    /// <summary>
    /// The network failure behind <paramref name="exception"/>, if it is one: an <see cref="HttpRequestException"/> or a socket
    /// error, directly, as an inner exception, or as the debug exception of the <see cref="RpcException"/> the SDK wraps.
    /// </summary>
    private static Exception? FindConnectionFailure(Exception exception)
    {
        for (var current = exception; current is not null;)
        {
            if (current is HttpRequestException or System.Net.Sockets.SocketException)
            {
                return current.InnerException is System.Net.Sockets.SocketException socket ? socket : current;
            }

            current = current is RpcException { Status.DebugException: { } debug } ? debug : current.InnerException;
        }

        return null;
    }

    /// <summary>The canonical upper-snake name of a gRPC status code: <c>PermissionDenied</c> → <c>PERMISSION_DENIED</c>.</summary>
    public static string CanonicalCode(StatusCode code) => Parsing.EnumToken.FromPascal(code.ToString());

    private static CliError FromSdk(RegistryRequestException exception) => new(
        CanonicalCode(exception.StatusCode),
        exception.Message,
        string.IsNullOrEmpty(exception.ErrorCode) ? null : exception.ErrorCode,
        exception.RequestId,
        exception.FieldViolations.Count > 0
            ? exception.FieldViolations.Select(v => new CliFieldViolation(v.Field, v.Description)).ToList()
            : null);

    private static CliError FromRpc(RpcException rpc)
    {
        var status = rpc.GetRpcStatus();
        var reason = status?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason;
        var violations = status?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations
            .Select(v => new CliFieldViolation(v.Field, v.Description))
            .ToList();
        return new CliError(CanonicalCode(rpc.StatusCode), rpc.Status.Detail, reason, FieldViolations: violations is { Count: > 0 } ? violations : null);
    }
}
