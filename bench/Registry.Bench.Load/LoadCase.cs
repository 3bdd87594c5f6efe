namespace Registry.Bench.Load;

/// <summary>Which consents a check case draws from.</summary>
public enum CheckCase
{
    /// <summary>Every consent of the scenario, round-robin (the original modes).</summary>
    Any,

    /// <summary>Seeded consents whose subject has a disclosable record: RECORD_FOUND.</summary>
    Found,

    /// <summary>Seeded consents whose subject has none: NO_RECORD.</summary>
    NoRecord,

    /// <summary>A consent id that does not exist: refused with PERMISSION_DENIED (audited).</summary>
    Refused,
}

/// <summary>One measured case: a name for the report, what the audit log does, and which consents the checks use.</summary>
public sealed record LoadCase(string Name, AuditMode Mode, CheckCase Check)
{
    public static LoadCase FromMode(AuditMode mode) => new(mode.ToString(), mode, CheckCase.Any);

    /// <summary>The cases of a seeded run: <c>found</c>, <c>norecord</c>, <c>refused</c> (all audited) and <c>echo</c>.</summary>
    public static LoadCase Parse(string name) => name.ToUpperInvariant() switch
    {
        "FOUND" => new("found", AuditMode.Audit, CheckCase.Found),
        "NORECORD" => new("norecord", AuditMode.Audit, CheckCase.NoRecord),
        "REFUSED" => new("refused", AuditMode.Audit, CheckCase.Refused),
        "ECHO" => FromMode(AuditMode.Echo),
        _ => FromMode(Enum.Parse<AuditMode>(name, ignoreCase: true)),
    };
}
