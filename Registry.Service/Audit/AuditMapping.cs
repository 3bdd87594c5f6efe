using System.Globalization;
using Google.Protobuf;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Registry.Client.Transparency;
using Registry.Service.Consent;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Audit;

/// <summary>Proto ↔ domain mapping of the auditor API.</summary>
public static class AuditMapping
{
    public static AuditQuery ToQuery(V1.QueryAuditLogRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var filter = request.Filter ?? new V1.AuditFilter();
        long? after = null;
        if (!string.IsNullOrEmpty(request.PageToken))
        {
            after = long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw AuditErrors.Invalid("page_token", "is not a token this service issued");
        }

        return new AuditQuery
        {
            From = filter.From.ToInstant("filter.from")?.UtcDateTime,
            To = filter.To.ToInstant("filter.to")?.UtcDateTime,
            PartnerId = NullIfEmpty(filter.PartnerId),
            Action = NullIfEmpty(filter.Action),
            Outcome = NullIfEmpty(filter.Outcome),
            SubjectKey = filter.SubjectKey.IsEmpty ? null : filter.SubjectKey.ToByteArray(),
            FromSequence = filter.FromSequence,
            PageSize = request.PageSize == 0 ? 100 : request.PageSize,
            AfterSequence = after,
            MaxEntries = request.MaxEntries,
        };
    }

    public static V1.AuditEntry ToProto(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var proto = new V1.AuditEntry
        {
            EntryId = entry.Id,
            RecordedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(entry.RecordedAt, DateTimeKind.Utc)),
            Actor = new V1.AuditActor
            {
                PartnerId = entry.PartnerId ?? string.Empty,
                KeyId = entry.KeyId ?? string.Empty,
                Role = AuditNames.ParseRole(entry.ActorRole) is { } role ? role.ToProto() : V1.Role.Unspecified,
            },
            Action = entry.Action,
            SubjectKey = entry.SubjectKey is null ? ByteString.Empty : ByteString.CopyFrom(entry.SubjectKey),
            SubjectKeyId = entry.SubjectKeyId ?? string.Empty,
            ConsentId = entry.ConsentId ?? string.Empty,
            Purpose = AuditNames.ParsePurpose(entry.Purpose) is { } purpose ? purpose.ToProto() : V1.Purpose.Unspecified,
            Outcome = entry.Outcome,
            Reason = entry.Reason ?? string.Empty,
            RequestId = entry.RequestId ?? string.Empty,
            Detail = entry.Detail ?? string.Empty,
            LeafHash = entry.LeafHash is null ? ByteString.Empty : ByteString.CopyFrom(entry.LeafHash),
        };
        if (entry.Sequence is { } sequence)
        {
            proto.Sequence = sequence;
        }

        return proto;
    }

    public static V1.Checkpoint? ToProto(AuditCheckpoint? checkpoint, string origin) => checkpoint is null ? null : new V1.Checkpoint
    {
        Origin = origin,
        TreeSize = checkpoint.TreeSize,
        RootHash = ByteString.CopyFrom(checkpoint.RootHash),
        SignedNote = checkpoint.SignedNote,
        CreatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(checkpoint.CreatedAt, DateTimeKind.Utc)),
    };

    public static V1.VerifyAuditLogResponse ToProto(AuditVerificationResult result, string auditEntryId)
    {
        ArgumentNullException.ThrowIfNull(result);
        var response = new V1.VerifyAuditLogResponse
        {
            Ok = result.Ok,
            EntriesVerified = result.EntriesVerified,
            CheckpointsVerified = result.CheckpointsVerified,
            Problem = (V1.VerificationProblem)(int)result.Problem,
            Message = result.Message,
            BadCheckpointFromSize = result.BadCheckpointFromSize ?? 0,
            BadCheckpointToSize = result.BadCheckpointToSize ?? 0,
            AuditEntryId = auditEntryId,
        };
        if (result.FirstBadSequence is { } bad)
        {
            response.FirstBadSequence = bad;
        }

        return response;
    }

    public static IEnumerable<ByteString> ToProto(IEnumerable<byte[]> hashes) => hashes.Select(ByteString.CopyFrom);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
