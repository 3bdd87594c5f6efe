using System.Data;
using System.Data.Common;
using Registry.Service.Infrastructure;

namespace Registry.Service.Audit;

/// <summary>
/// The statements of a holder's steady sequencing step, prepared once on the audit writer's connection: renew the lease,
/// the last checkpoint, the highest number, whether anything is pending, the new checkpoint. The step runs once a
/// <see cref="AuditOptions.SequencerInterval"/> inside a batch's transaction, and every call queued behind that batch
/// waits for it; through EF's query pipeline these five took ≈ 2.6 ms of the writer's thread a cycle (docs/benchmarks.md).
/// Taking an expired lease, re-reading the log and numbering pending rows stay in EF: they are rare.
/// </summary>
internal sealed class SequencingCommands : IDisposable
{
    public const string LastCheckpointSql =
        "SELECT TreeSize, RootHash FROM audit_checkpoints WHERE TreeSize = (SELECT MAX(TreeSize) FROM audit_checkpoints)";

    public const string HighestSql = "SELECT MAX(Sequence) FROM audit_entries WHERE Sequence IS NOT NULL";

    public const string AnyPendingSql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_entries WHERE Sequence IS NULL) THEN 1 ELSE 0 END";

    public const string InsertCheckpointSql =
        "INSERT INTO audit_checkpoints (TreeSize, RootHash, SignedNote, CreatedAt) VALUES (@size, @root, @note, @created)";

    private readonly DbCommand _renew;
    private readonly DbParameter _renewExpires;
    private readonly DbParameter _renewHolder;
    private readonly DbParameter _renewNow;
    private readonly DbCommand _last;
    private readonly DbCommand _highest;
    private readonly DbCommand _anyPending;
    private readonly DbCommand _insert;
    private readonly DbParameter _insertSize;
    private readonly DbParameter _insertRoot;
    private readonly DbParameter _insertNote;
    private readonly DbParameter _insertCreated;

    public SequencingCommands(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _renew = connection.CreateCommand();
        _renew.CommandText = SequencerLeases.RenewSql;
        _renewExpires = _renew.AddParameter("@expires", DbType.DateTime2);
        _renew.AddParameter("@name", DbType.String).Value = SequencerLeases.SequencerLeaseName;
        _renewHolder = _renew.AddParameter("@holder", DbType.String);
        _renewNow = _renew.AddParameter("@now", DbType.DateTime2);

        _last = connection.CreateCommand();
        _last.CommandText = LastCheckpointSql;
        _highest = connection.CreateCommand();
        _highest.CommandText = HighestSql;
        _anyPending = connection.CreateCommand();
        _anyPending.CommandText = AnyPendingSql;

        _insert = connection.CreateCommand();
        _insert.CommandText = InsertCheckpointSql;
        _insertSize = _insert.AddParameter("@size", DbType.Int64);
        _insertRoot = _insert.AddParameter("@root", DbType.Binary);
        _insertNote = _insert.AddParameter("@note", DbType.String);
        _insertCreated = _insert.AddParameter("@created", DbType.DateTime2);
    }

    /// <summary>Extends this holder's unexpired lease (<see cref="SequencerLeases.RenewSql"/>); false when it holds none.</summary>
    public bool TryRenew(string holderId, DateTime now, TimeSpan duration, DbTransaction transaction)
    {
        _renew.Transaction = transaction;
        _renewExpires.Value = now + duration;
        _renewHolder.Value = holderId;
        _renewNow.Value = now;
        return _renew.ExecuteNonQuery() == 1;
    }

    /// <summary>The size and root of the last signed checkpoint, or null when none was signed.</summary>
    public (long TreeSize, byte[] RootHash)? LastCheckpoint(DbTransaction transaction)
    {
        _last.Transaction = transaction;
        using var reader = _last.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
    }

    /// <summary>The highest sequence number in the log, or null when nothing is numbered.</summary>
    public long? Highest(DbTransaction transaction)
    {
        _highest.Transaction = transaction;
        return _highest.ExecuteScalar() is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Whether any row is unsequenced (the pending index's first key).</summary>
    public bool AnyPending(DbTransaction transaction)
    {
        _anyPending.Transaction = transaction;
        return Convert.ToInt64(_anyPending.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public void InsertCheckpoint(AuditCheckpoint checkpoint, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _insert.Transaction = transaction;
        _insertSize.Value = checkpoint.TreeSize;
        _insertRoot.Value = checkpoint.RootHash;
        _insertNote.Value = checkpoint.SignedNote;
        _insertCreated.Value = checkpoint.CreatedAt;
        _insert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _renew.Dispose();
        _last.Dispose();
        _highest.Dispose();
        _anyPending.Dispose();
        _insert.Dispose();
    }
}
