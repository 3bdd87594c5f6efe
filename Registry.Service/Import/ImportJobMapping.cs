using Registry.Service.Infrastructure;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Import;

/// <summary>Domain → proto mapping of <c>ListImportJobs</c>.</summary>
public static class ImportJobMapping
{
    public static V1.ListImportJobsResponse ToProto(ImportJobPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = new V1.ListImportJobsResponse { HasMore = page.HasMore };
        response.Jobs.Add(page.Jobs.Select(ToProto));
        return response;
    }

    public static V1.ImportJob ToProto(ListedImportJob listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var job = listed.Job;
        var proto = new V1.ImportJob
        {
            ImportId = job.Id,
            SourceName = job.SourceName,
            Status = ToProto(listed.Status),
            PartnerId = job.PartnerId ?? string.Empty,
            KeyId = job.KeyId ?? string.Empty,
            StartedAt = job.StartedAt.ToTimestamp(),
            UpdatedAt = job.UpdatedAt.ToTimestamp(),
            Batches = job.Batches,
            Inserted = job.Inserted,
            Updated = job.Updated,
            Unchanged = job.Unchanged,
            Rejected = job.Rejected,
        };
        if (job.FinishedAt is { } finished)
        {
            proto.FinishedAt = finished.ToTimestamp();
        }

        return proto;
    }

    private static V1.ImportJobStatus ToProto(string status) => status switch
    {
        ImportJobStatus.Running => V1.ImportJobStatus.Running,
        ImportJobStatus.Completed => V1.ImportJobStatus.Completed,
        ImportJobStatus.Interrupted => V1.ImportJobStatus.Interrupted,
        ImportJobStatus.Abandoned => V1.ImportJobStatus.Abandoned,
        _ => throw new InvalidOperationException("An import job has an unknown status."),
    };
}
