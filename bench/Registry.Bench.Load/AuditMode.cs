namespace Registry.Bench.Load;

/// <summary>What the service's <c>IAuditLog</c> does during a measured run.</summary>
public enum AuditMode
{
    /// <summary>The real group-commit writer: change and entry in one synced SQLite transaction.</summary>
    Audit,

    /// <summary>Nothing at all: no change (use count), no entry, no database write; a fresh receipt id.</summary>
    NoOp,

    /// <summary>
    /// The audit entry write replaced by a no-op, the check otherwise the same: the same group-commit writer commits
    /// each check's consent use (synced, batched) but inserts no entry, so there is nothing to sequence either.
    /// </summary>
    UseOnly,

    /// <summary>Not a check: the auditor's unaudited <c>GetPublicKey</c>, a bare authenticated gRPC call.</summary>
    Echo,
}
