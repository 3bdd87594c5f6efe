using Grpc.Core;
using Registry.Client;
using Registry.Client.Identity;

namespace Registry.Cli.Infrastructure;

/// <summary>The one place where exceptions become exit codes and printed errors.</summary>
internal static class ErrorMapping
{
    /// <summary>Maps an exception a command let escape; false for exceptions that are bugs (the library's handler reports those).</summary>
    public static bool TryMap(Exception exception, CancellationToken cancellationToken, out int exitCode, out CliError error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        (exitCode, error) = exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested =>
                (ExitCodes.Interrupted, new CliError("INTERRUPTED", "Interrupted; the last call may or may not have reached the service.")),
            IdentityValidationException invalid => (ExitCodes.Usage, new CliError("INVALID_IDENTITY", invalid.Message, invalid.Rule)),
            CliUsageException usage => (ExitCodes.Usage, new CliError("USAGE", usage.Message)),
            RegistryRequestException request => (ExitCodes.ServiceError, FromSdk(request)),
            RpcException rpc => (ExitCodes.ServiceError, FromRpc(rpc)),
            HttpRequestException http => (ExitCodes.ServiceError, new CliError("UNAVAILABLE", $"Cannot reach the service: {http.Message}")),
            IOException or UnauthorizedAccessException => (ExitCodes.Usage, new CliError("IO_ERROR", exception.Message)),
            _ => (0, null!),
        };
        return error is not null;
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
