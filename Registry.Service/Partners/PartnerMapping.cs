using Registry.Protos.V1;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>Proto ↔ domain mapping of the partner and key RPCs.</summary>
public static class PartnerMapping
{
    public static CreatePartnerCommand ToCommand(CreatePartnerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CreatePartnerCommand(request.Name, request.Role.ToDomain(), request.AllowedPurposes.Select(p => p.ToDomain()).ToList());
    }

    public static Protos.V1.Partner ToProto(Partner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var proto = new Protos.V1.Partner
        {
            PartnerId = partner.Id,
            Name = partner.Name,
            Role = partner.Role.ToProto(),
            Suspended = partner.IsSuspended,
            CreatedAt = partner.CreatedAt.ToTimestamp(),
            QuotaPermitsPerSecond = partner.QuotaPermitsPerSecond ?? 0,
            QuotaBurst = partner.QuotaBurst ?? 0,
        };
        proto.AllowedPurposes.Add(partner.AllowedPurposes.Select(p => p.ToProto()));
        return proto;
    }

    public static IssuedApiKey ToProto(IssuedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new IssuedApiKey { KeyId = key.KeyId, ApiKey = key.ApiKey, CreatedAt = key.CreatedAt.ToTimestamp() };
    }
}
