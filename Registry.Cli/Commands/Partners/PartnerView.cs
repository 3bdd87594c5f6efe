using Registry.Cli.Parsing;
using Registry.Client.Admin;

namespace Registry.Cli.Commands.Partners;

/// <summary>A partner in <c>--json</c> output.</summary>
internal sealed record PartnerView(
    string PartnerId,
    string Name,
    string Role,
    IReadOnlyList<string> Purposes,
    bool Suspended,
    DateTimeOffset CreatedAt,
    int? QuotaPerSecond = null,
    int? QuotaBurst = null)
{
    public static PartnerView From(PartnerInfo partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new(
            partner.PartnerId,
            partner.Name,
            EnumToken.FromPascal(partner.Role.ToString()),
            partner.AllowedPurposes.Select(p => EnumToken.FromPascal(p.ToString())).ToArray(),
            partner.IsSuspended,
            partner.CreatedAt,
            partner.QuotaPermitsPerSecond,
            partner.QuotaBurst);
    }

    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"partner-id: {PartnerId}");
        writer.WriteLine($"name:       {Name}");
        writer.WriteLine($"role:       {Role}");
        writer.WriteLine($"purposes:   {string.Join(", ", Purposes)}");
        writer.WriteLine($"suspended:  {(Suspended ? "yes" : "no")}");
        writer.WriteLine($"quota:      {(QuotaPerSecond is { } perSecond ? $"{perSecond}/s, burst {QuotaBurst}" : "the service's default")}");
    }
}
