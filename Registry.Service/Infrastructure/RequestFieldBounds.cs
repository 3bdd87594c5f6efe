using Registry.Client.Admin;
using Registry.Service.Consent;
using Registry.Service.Identity;
using Registry.Service.Import;
using Registry.Service.Partners;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The longest value of every string and bytes field of every request message (UTF-16 code units for a string, bytes for
/// bytes), checked by <see cref="RequestMessageValidator"/> right after the message is parsed and before any handler, so
/// no handler, lookup, message or log ever sees a longer one. Each bound is the handler's own rule where there is one
/// (the handler still checks what the value means); a test fails when a request field has no entry.
/// </summary>
public static class RequestFieldBounds
{
    /// <summary>
    /// The outer bound of the fields of an imported row. A row whose field breaks its own rule (<see cref="RecordRowRules"/>)
    /// is rejected alone, with a reason, and the import goes on; only a value past this bound fails the whole call.
    /// </summary>
    public const int ImportRowField = 1024;

    /// <summary>The longest reason an administrator gives (partner suspension, quota, record correction).</summary>
    public const int Reason = 500;

    /// <summary>The longest audit action or outcome name an auditor may filter on (the longest in use has 17).</summary>
    public const int AuditName = 64;

    /// <summary>The longest page token QueryAuditLog issues: a sequence number (19 digits).</summary>
    public const int PageToken = 20;

    /// <summary>The length of an audit entry id (a GUID in its 36-character form).</summary>
    public const int AuditEntryId = 36;

    private static readonly Dictionary<string, int> ByField = new(StringComparer.Ordinal)
    {
        [Field(V1.CheckRequest.Descriptor, "consent_id")] = ConsentIds.MaxLength,
        [Field(V1.CheckRequest.Descriptor, "h1")] = SubjectKeyRing.H1Length,
        [Field(V1.CheckRequest.Descriptor, "request_id")] = RequestValidation.MaxRequestIdLength,

        [Field(V1.GrantConsentRequest.Descriptor, "h1")] = SubjectKeyRing.H1Length,
        [Field(V1.GrantConsentRequest.Descriptor, "request_id")] = RequestValidation.MaxRequestIdLength,
        [Field(V1.ConsentEvidence.Descriptor, "reference")] = GrantConsentHandler.MaxEvidenceReferenceLength,
        [Field(V1.RevokeConsentRequest.Descriptor, "consent_id")] = ConsentIds.MaxLength,
        [Field(V1.RevokeConsentRequest.Descriptor, "request_id")] = RequestValidation.MaxRequestIdLength,
        [Field(V1.GetConsentRequest.Descriptor, "consent_id")] = ConsentIds.MaxLength,

        [Field(V1.ImportStart.Descriptor, "source_name")] = ImportLimits.SourceNameMaxLength,
        [Field(V1.RecordRow.Descriptor, "source_id")] = ImportRowField,
        [Field(V1.RecordRow.Descriptor, "case_number")] = ImportRowField,
        [Field(V1.RecordRow.Descriptor, "article")] = ImportRowField,
        [Field(V1.RecordRow.Descriptor, "region")] = ImportRowField,
        [Field(V1.RecordRow.Descriptor, "court")] = ImportRowField,
        [Field(V1.HashedIdentity.Descriptor, "h1")] = ImportRowField,
        [Field(V1.ListImportJobsRequest.Descriptor, "before_import_id")] = ImportJobIds.Length,
        [Field(V1.CorrectRecordRequest.Descriptor, "source_id")] = RecordRowRules.SourceIdMaxLength,
        [Field(V1.CorrectRecordRequest.Descriptor, "case_number")] = RecordRowRules.CaseNumberMaxLength,
        [Field(V1.CorrectRecordRequest.Descriptor, "reason")] = Reason,
        [Field(V1.ExpungeRecordRequest.Descriptor, "source_id")] = RecordRowRules.SourceIdMaxLength,
        [Field(V1.ExpungeRecordRequest.Descriptor, "case_number")] = RecordRowRules.CaseNumberMaxLength,
        [Field(V1.ExpungeRecordRequest.Descriptor, "reason")] = Reason,
        [Field(V1.CreatePartnerRequest.Descriptor, "name")] = PartnerAdministration.MaxNameLength,
        [Field(V1.SetPartnerSuspendedRequest.Descriptor, "partner_id")] = PartnerIds.MaxLength,
        [Field(V1.SetPartnerSuspendedRequest.Descriptor, "reason")] = Reason,
        [Field(V1.SetPartnerQuotaRequest.Descriptor, "partner_id")] = PartnerIds.MaxLength,
        [Field(V1.SetPartnerQuotaRequest.Descriptor, "reason")] = Reason,
        [Field(V1.IssueApiKeyRequest.Descriptor, "partner_id")] = PartnerIds.MaxLength,
        [Field(V1.RevokeApiKeyRequest.Descriptor, "key_id")] = PartnerIds.MaxKeyIdLength,

        [Field(V1.AuditFilter.Descriptor, "partner_id")] = PartnerIds.MaxLength,
        [Field(V1.AuditFilter.Descriptor, "action")] = AuditName,
        [Field(V1.AuditFilter.Descriptor, "outcome")] = AuditName,
        [Field(V1.AuditFilter.Descriptor, "subject_key")] = SubjectKeyRing.H1Length,
        [Field(V1.QueryAuditLogRequest.Descriptor, "page_token")] = PageToken,
        [Field(V1.GetInclusionProofRequest.Descriptor, "entry_id")] = AuditEntryId,
    };

    /// <summary>The proto full names (<c>registry.v1.CheckRequest.consent_id</c>) of the bounded fields.</summary>
    public static IReadOnlyCollection<string> Fields => ByField.Keys;

    /// <summary>The bound of a field, or null when it has none (fields of messages outside the registry's package).</summary>
    public static int? For(Google.Protobuf.Reflection.FieldDescriptor field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return ByField.TryGetValue(field.FullName, out var bound) ? bound : null;
    }

    private static string Field(Google.Protobuf.Reflection.MessageDescriptor message, string name) =>
        message.FindFieldByName(name)?.FullName ?? throw new InvalidOperationException($"{message.FullName} has no field {name}");
}
