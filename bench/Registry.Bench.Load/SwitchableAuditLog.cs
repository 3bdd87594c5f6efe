using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Registry.Client.Transparency;
using Registry.Service.Audit;
using Registry.Service.Infrastructure;

namespace Registry.Bench.Load;

/// <summary>
/// Stands in for the service's <see cref="IAuditLog"/>. <see cref="AuditMode.Audit"/> forwards to the real
/// <see cref="GroupCommitAuditLog"/>; <see cref="AuditMode.UseOnly"/> to a second instance of the same writer that
/// commits the checks' consent uses but inserts no entry (the audit write replaced by a no-op);
/// <see cref="AuditMode.NoOp"/> returns a receipt without touching the database (no entry, no use counted).
/// </summary>
public sealed class SwitchableAuditLog : IAuditLog, IAsyncDisposable
{
    private readonly GroupCommitAuditLog _audit;
    private readonly GroupCommitAuditLog _useOnly;
    private readonly TimeProvider _timeProvider;
    private volatile int _mode = (int)AuditMode.Audit;

    public SwitchableAuditLog(
        GroupCommitAuditLog audit,
        IDbContextFactory<RegistryDbContext> contextFactory,
        AuditSequencingState sequencing,
        NoteSigner signer,
        IOptions<AuditOptions> options,
        TimeProvider timeProvider,
        ILogger<GroupCommitAuditLog> logger)
    {
        _audit = audit;
        _timeProvider = timeProvider;
        _useOnly = new GroupCommitAuditLog(contextFactory, sequencing, signer, options, timeProvider, logger, recordEntries: false);
    }

    public AuditMode Mode
    {
        get => (AuditMode)_mode;
        set => _mode = (int)value;
    }

    public Task<AuditReceipt> AppendAsync(AuditRecord record, AuditedChange? change, CancellationToken cancellationToken) =>
        Mode switch
        {
            AuditMode.UseOnly => _useOnly.AppendAsync(record, change, cancellationToken),
            AuditMode.NoOp => NoOp(),
            _ => _audit.AppendAsync(record, change, cancellationToken),
        };

    public Task<AuditReceipt> AppendPreparedAsync(AuditRecord record, IPreparedChange change, CancellationToken cancellationToken) =>
        Mode switch
        {
            AuditMode.UseOnly => _useOnly.AppendPreparedAsync(record, change, cancellationToken),
            AuditMode.NoOp => NoOp(),
            _ => _audit.AppendPreparedAsync(record, change, cancellationToken),
        };

    public ValueTask DisposeAsync() => _useOnly.DisposeAsync();

    private Task<AuditReceipt> NoOp() => Task.FromResult(new AuditReceipt(Guid.CreateVersion7(_timeProvider.GetUtcNow()).ToString(), null));
}
