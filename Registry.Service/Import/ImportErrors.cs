using System.Globalization;
using Grpc.Core;
using Registry.Service.Infrastructure;

namespace Registry.Service.Import;

/// <summary>The import stream's own failures (a malformed stream is <see cref="RegistryErrors.Validation(FieldViolation[])"/>).</summary>
public static class ImportErrors
{
    /// <summary>The reason of <see cref="Idle"/>.</summary>
    public const string IdleReason = "IMPORT_IDLE";

    /// <summary>The client sent nothing for <paramref name="idleTimeout"/>: the stream is ended, its answered batches stay applied.</summary>
    public static RegistryException Idle(TimeSpan idleTimeout) =>
        new(StatusCode.DeadlineExceeded, IdleReason, string.Create(CultureInfo.InvariantCulture,
            $"The import stream sent nothing for {idleTimeout.TotalSeconds:0} s, so the service ended it. The batches answered before stay applied; run the same import again to finish it."));
}
