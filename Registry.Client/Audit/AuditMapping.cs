using Registry.Client.Admin;
using Registry.Client.Consents;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client.Audit;

/// <summary>Maps audit models to and from the v1 contract.</summary>
internal static class AuditMapping
{
    public static P.QueryAuditLogRequest ToRequest(AuditQuery query)
    {
        var filter = new P.AuditFilter
        {
            PartnerId = query.PartnerId ?? string.Empty,
            Action = query.Action ?? string.Empty,
            Outcome = query.Outcome ?? string.Empty,
        };
        if (query.From is { } from)
        {
            filter.From = ProtoConvert.ToTimestamp(from);
        }

        if (query.To is { } to)
        {
            filter.To = ProtoConvert.ToTimestamp(to);
        }

        if (query.SubjectKey is { } subjectKey)
        {
            filter.SubjectKey = ProtoConvert.ToByteString(subjectKey);
        }

        return new P.QueryAuditLogRequest
        {
            Filter = filter,
            PageSize = query.PageSize,
            MaxEntries = query.MaxEntries,
            PageToken = query.PageToken ?? string.Empty,
        };
    }

    public static AuditEntryInfo ToSdk(P.AuditEntry entry) => new(
        entry.EntryId,
        entry.HasSequence ? entry.Sequence : null,
        ProtoConvert.ToDateTimeOffset(entry.RecordedAt),
        ToSdk(entry.Actor ?? new P.AuditActor()),
        entry.Action,
        ProtoConvert.ToMemory(entry.SubjectKey),
        entry.SubjectKeyId,
        entry.ConsentId,
        PurposeMapping.ToSdkOrNull(entry.Purpose),
        entry.Outcome,
        entry.Reason,
        entry.RequestId,
        entry.Detail,
        ProtoConvert.ToMemory(entry.LeafHash));

    public static AuditCheckpoint ToSdk(P.Checkpoint checkpoint) => new(
        checkpoint.Origin,
        checkpoint.TreeSize,
        ProtoConvert.ToMemory(checkpoint.RootHash),
        checkpoint.SignedNote,
        ProtoConvert.ToDateTimeOffset(checkpoint.CreatedAt));

    public static AuditVerificationResult ToSdk(P.VerifyAuditLogResponse response) => new(
        response.Ok,
        response.EntriesVerified,
        response.CheckpointsVerified,
        response.HasFirstBadSequence ? response.FirstBadSequence : null,
        (AuditVerificationProblem)(int)response.Problem,
        response.Message,
        response.BadCheckpointFromSize,
        response.BadCheckpointToSize,
        response.AuditEntryId);

    public static AuditInclusionProof ToSdk(P.GetInclusionProofResponse response) => new(
        ToSdk(response.Entry ?? new P.AuditEntry()),
        ProtoConvert.ToMemory(response.CanonicalEntry),
        response.LeafIndex,
        response.TreeSize,
        ProtoConvert.ToMemoryList(response.Proof),
        response.Checkpoint is null ? null : ToSdk(response.Checkpoint),
        response.AuditEntryId);

    public static AuditConsistencyProof ToSdk(P.GetConsistencyProofResponse response) => new(
        response.FirstSize,
        response.SecondSize,
        ProtoConvert.ToMemoryList(response.Proof),
        response.FirstCheckpoint is null ? null : ToSdk(response.FirstCheckpoint),
        response.SecondCheckpoint is null ? null : ToSdk(response.SecondCheckpoint),
        response.AuditEntryId);

    public static AuditExportPage ToSdk(P.ExportAuditLogResponse response) => new(
        response.Entries.Select(ToSdk).ToArray(),
        ProtoConvert.ToMemoryList(response.CanonicalEntries),
        response.Checkpoints.Select(ToSdk).ToArray());

    private static AuditActor ToSdk(P.AuditActor actor) =>
        new(actor.PartnerId, actor.KeyId, RoleMapping.ToSdkOrNull(actor.Role));
}
