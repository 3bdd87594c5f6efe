using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Import;

/// <summary>The service's import settings. Bound from <c>Registry:Import</c> and validated at start-up.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Registry:Import";

    /// <summary>
    /// How long an import stream may send nothing before the service ends it (DEADLINE_EXCEEDED, reason
    /// <see cref="ImportErrors.IdleReason"/>) and closes its job as interrupted; default 5 minutes. Time spent waiting for
    /// the service's own commits does not count. A job still marked running with no batch applied for twice this long is
    /// listed as abandoned (<see cref="ImportJobQuery"/>): its service stopped mid-stream.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
