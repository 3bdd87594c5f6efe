using Registry.Service.Audit;
using Registry.Service.Checks;

namespace Registry.Bench.Load;

/// <summary>
/// Stands in for the service's <see cref="IAuditLog"/>: forwards to the real <see cref="GroupCommitAuditLog"/>
/// in <see cref="AuditMode.Audit"/>, and otherwise returns a receipt without touching the database (the
/// no-op baseline: no entry, and the consent's use is not counted either).
/// </summary>
public sealed class SwitchableAuditLog(GroupCommitAuditLog inner, TimeProvider timeProvider) : IAuditLog
{
    private volatile bool _isAuditing = true;

    public AuditMode Mode
    {
        get => _isAuditing ? AuditMode.Audit : AuditMode.NoOp;
        set => _isAuditing = value == AuditMode.Audit;
    }

    public Task<AuditReceipt> AppendAsync(AuditRecord record, AuditedChange? change, CancellationToken cancellationToken) =>
        _isAuditing
            ? inner.AppendAsync(record, change, cancellationToken)
            : NoOp();

    public Task<AuditReceipt> AppendCheckAsync(AuditRecord record, ConsentUse use, CancellationToken cancellationToken) =>
        _isAuditing
            ? inner.AppendCheckAsync(record, use, cancellationToken)
            : NoOp();

    private Task<AuditReceipt> NoOp() => Task.FromResult(new AuditReceipt(Guid.CreateVersion7(timeProvider.GetUtcNow()).ToString(), null));
}
