using Registry.Client.Admin;
using Registry.Client.Consents;
using Registry.Client.Internal;
using Registry.Client.Transparency;
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
            FromSequence = query.FromSequence,
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
        PurposeWire.ToSdkOrNull(entry.Purpose),
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

    public static ServerAuditVerification ToSdk(P.VerifyAuditLogResponse response)
    {
        // The offline verifier derives Ok from Problem; a server that says "not ok" without naming a problem must not read as ok.
        var problem = (AuditVerificationProblem)(int)response.Problem;
        if (!response.Ok && problem == AuditVerificationProblem.None)
        {
            problem = AuditVerificationProblem.Modified;
        }

        var result = new AuditVerificationResult
        {
            EntriesVerified = response.EntriesVerified,
            CheckpointsVerified = response.CheckpointsVerified,
            FirstBadSequence = response.HasFirstBadSequence ? response.FirstBadSequence : null,
            Problem = problem,
            BadCheckpointFromSize = response.BadCheckpointToSize == 0 ? null : response.BadCheckpointFromSize,
            BadCheckpointToSize = response.BadCheckpointToSize == 0 ? null : response.BadCheckpointToSize,
            Message = response.Message,
        };
        return new ServerAuditVerification(result, response.AuditEntryId);
    }

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
        new(actor.PartnerId, actor.KeyId, RoleWire.ToSdkOrNull(actor.Role));
}
