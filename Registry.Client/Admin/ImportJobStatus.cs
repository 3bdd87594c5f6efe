namespace Registry.Client.Admin;

/// <summary>The state of an import job (<see cref="ImportJobInfo"/>).</summary>
/// <remarks>The numeric values equal the v1 contract's; a value a newer service sends passes through as an undefined number.</remarks>
public enum ImportJobStatus
{
    /// <summary>Its stream is open: batches are being applied.</summary>
    Running = 1,

    /// <summary>The client sent its last batch and every batch was applied.</summary>
    Completed = 2,

    /// <summary>The stream ended early (cancelled, idle too long, or failed); the batches answered before stay applied.</summary>
    Interrupted = 3,

    /// <summary>Left running by a service that stopped mid-stream (no batch for twice the service's import idle timeout); its counted
    /// batches stay applied, and running the same import again finishes it.</summary>
    Abandoned = 4,
}
