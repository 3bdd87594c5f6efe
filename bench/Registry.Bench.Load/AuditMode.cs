namespace Registry.Bench.Load;

/// <summary>What the service's <c>IAuditLog</c> does during a measured run.</summary>
public enum AuditMode
{
    /// <summary>The real group-commit writer: change and entry in one synced SQLite transaction.</summary>
    Audit,

    /// <summary>Nothing at all: no change (use count), no entry, no database write; a fresh receipt id.</summary>
    NoOp,

    /// <summary>Not a check: the auditor's unaudited <c>GetPublicKey</c>, a bare authenticated gRPC call.</summary>
    Echo,
}
