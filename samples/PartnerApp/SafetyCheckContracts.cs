namespace PartnerApp;

/// <summary>The user agreed (in this app, confirmed by an SMS code) that the app may check them against the registry.</summary>
public sealed record ConsentRequest(string Iin, string EvidenceReference);

/// <summary>The consent the registry recorded; the app keeps its id with the user's profile.</summary>
public sealed record ConsentResponse(string ConsentId, DateTimeOffset ExpiresAt, int MaxUses);

/// <summary>A check of the user who gave <see cref="ConsentId"/>, identified by the same IIN.</summary>
public sealed record SafetyCheckRequest(string Iin, string ConsentId);

/// <summary>What the registry said, worded for the person who asked.</summary>
/// <param name="Outcome"><c>NO_RECORD</c> or <c>RECORD_FOUND</c>, as the contract names them.</param>
/// <param name="Message">The sentence to show.</param>
/// <param name="Categories">For a found record under a summary consent: the kinds of record and how many.</param>
/// <param name="Help">Where to get help; present only with a found record.</param>
/// <param name="AuditReceipt">The registry's audit entry for this check (the user may ask who checked them).</param>
public sealed record SafetyCheckResponse(
    string Outcome,
    string Message,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string>? Help,
    string AuditReceipt);
