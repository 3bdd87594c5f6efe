using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Metadata;
using Registry.Service.Infrastructure;

namespace Registry.Service.Import;

/// <summary>Adds a batch's counts to its import job: one prepared UPDATE by primary key, in the batch's own transaction.</summary>
internal sealed class ImportJobCountCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter _id;
    private readonly DbParameter _inserted;
    private readonly DbParameter _updated;
    private readonly DbParameter _unchanged;
    private readonly DbParameter _rejected;
    private readonly ModelParameter _now;

    public ImportJobCountCommand(DbConnection connection, IModel model)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _command = connection.CreateCommand();
        _command.CommandText =
            "UPDATE import_jobs SET Batches = Batches + 1, Inserted = Inserted + @inserted, Updated = Updated + @updated, " +
            "Unchanged = Unchanged + @unchanged, Rejected = Rejected + @rejected, UpdatedAt = @now WHERE Id = @id";
        _id = _command.AddParameter("@id", DbType.String);
        _inserted = _command.AddParameter("@inserted", DbType.Int64);
        _updated = _command.AddParameter("@updated", DbType.Int64);
        _unchanged = _command.AddParameter("@unchanged", DbType.Int64);
        _rejected = _command.AddParameter("@rejected", DbType.Int64);
        _now = ModelParameter.Add<ImportJob>(_command, model, "@now", nameof(ImportJob.UpdatedAt));
    }

    public void Execute(string jobId, ImportBatchCounts counts, DateTime now, DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _command.Transaction = transaction;
        _id.Value = jobId;
        _inserted.Value = counts.Inserted;
        _updated.Value = counts.Updated;
        _unchanged.Value = counts.Unchanged;
        _rejected.Value = counts.Rejections.Count;
        _now.Set(now);
        if (_command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"The import job {jobId} does not exist.");
        }
    }

    public void Dispose() => _command.Dispose();
}
