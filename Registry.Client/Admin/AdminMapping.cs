using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client.Admin;

/// <summary>Maps administration models to and from the v1 contract.</summary>
internal static class AdminMapping
{
    public static PartnerInfo ToSdk(P.Partner partner) => new(
        partner.PartnerId,
        partner.Name,
        RoleWire.ToSdk(partner.Role),
        partner.AllowedPurposes.Select(PurposeWire.ToSdk).ToArray(),
        partner.Suspended,
        ProtoConvert.ToDateTimeOffset(partner.CreatedAt),
        partner.QuotaPermitsPerSecond == 0 ? null : partner.QuotaPermitsPerSecond,
        partner.QuotaBurst == 0 ? null : partner.QuotaBurst);

    public static IssuedApiKey ToSdk(P.IssuedApiKey key, string auditEntryId) =>
        new(key.KeyId, key.ApiKey, ProtoConvert.ToDateTimeOffset(key.CreatedAt), auditEntryId);

    public static ImportBatchResult ToSdk(P.ImportRecordsResponse response) => new(
        response.BatchNumber,
        response.Inserted,
        response.Updated,
        response.Unchanged,
        response.Rejected,
        response.Rejections.Select(r => new RowRejection(r.Line, r.Field, r.Reason)).ToArray(),
        response.AuditEntryId,
        response.ImportId);

    public static ImportJobPage ToSdk(P.ListImportJobsResponse response) =>
        new(response.Jobs.Select(ToSdk).ToArray(), response.HasMore);

    public static ImportJobInfo ToSdk(P.ImportJob job) => new(
        job.ImportId,
        job.SourceName,
        ImportJobStatusWire.ToSdk(job.Status),
        job.PartnerId,
        job.KeyId,
        ProtoConvert.ToDateTimeOffset(job.StartedAt),
        ProtoConvert.ToDateTimeOffset(job.UpdatedAt),
        ProtoConvert.ToNullableDateTimeOffset(job.FinishedAt),
        job.Batches,
        job.Inserted,
        job.Updated,
        job.Unchanged,
        job.Rejected);

    public static P.RecordBatch ToProto(long batchNumber, IReadOnlyList<RecordRow> rows)
    {
        var batch = new P.RecordBatch { BatchNumber = batchNumber };
        foreach (var row in rows)
        {
            ArgumentNullException.ThrowIfNull(row, nameof(rows));
            batch.Rows.Add(ToProto(row));
        }

        return batch;
    }

    private static P.RecordRow ToProto(RecordRow row)
    {
        var proto = new P.RecordRow
        {
            Line = row.Line,
            SourceId = row.SourceId,
            CaseNumber = row.CaseNumber,
            Category = RecordCategoryWire.ToProto(row.Category),
            Article = row.Article,
            Region = row.Region,
            Court = row.Court,
            DecisionDate = ProtoConvert.ToDate(row.DecisionDate),
            EffectiveFrom = ProtoConvert.ToNullableDate(row.EffectiveFrom),
            ExpiresAt = ProtoConvert.ToNullableDate(row.ExpiresAt),
            Status = RecordStatusWire.ToProto(row.Status),
        };
        proto.Identities.Add(row.Identities.Select(IdentityMapping.ToProto));
        return proto;
    }
}
