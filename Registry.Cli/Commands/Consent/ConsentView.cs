using Registry.Cli.Parsing;
using Registry.Client.Consents;

namespace Registry.Cli.Commands.Consent;

/// <summary>The <c>--json</c> document of <c>registry consent show</c>. Never contains h1 or the subject key.</summary>
internal sealed record ConsentView(
    string ConsentId,
    string Purpose,
    string Scope,
    DateTimeOffset GrantedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    int MaxUses,
    int Uses,
    string EvidenceKind)
{
    public static ConsentView From(ConsentInfo consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        return new(
            consent.ConsentId,
            EnumToken.FromPascal(consent.Purpose.ToString()),
            EnumToken.FromPascal(consent.Scope.ToString()),
            consent.GrantedAt,
            consent.ExpiresAt,
            consent.RevokedAt,
            consent.MaxUses,
            consent.Uses,
            EnumToken.FromPascal(consent.EvidenceKind.ToString()));
    }
}
