using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;
using Registry.Service.Consent;
using Registry.Service.Partners;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Infrastructure;

/// <summary>
/// How messages to callers name enum values: as the contract does, the .proto value name without its enum's prefix
/// (<c>PURPOSE_EMPLOYMENT_SCREENING</c> is <c>EMPLOYMENT_SCREENING</c>, <c>ROLE_PARTNER</c> is <c>PARTNER</c>), never a
/// .NET enum name (<c>EmploymentScreening</c>). Read from the generated code's <c>[OriginalName]</c>, so a renamed value
/// cannot leave a message behind.
/// </summary>
public static class ContractNames
{
    public static string Of(ConsentPurpose purpose) => Of(purpose.ToProto());

    public static string Of(PartnerRole role) => Of(role.ToProto());

    /// <summary>The contract's name of <paramref name="value"/>; its number when the contract has no such value.</summary>
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue.TryGetValue(value, out var name) ? name : Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

    /// <summary>Every value but the unspecified one, for a message: <c>PRESENCE or SUMMARY</c>, <c>PARTNER, AUDITOR or ADMIN</c>.</summary>
    public static string Choices<TEnum>() where TEnum : struct, Enum => Names<TEnum>.Choices;

    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> ByValue = Read();

        public static readonly string Choices = Join(ByValue.Where(p => Convert.ToInt64(p.Key, CultureInfo.InvariantCulture) != 0)
            .OrderBy(p => p.Key).Select(p => p.Value).ToList());

        private static FrozenDictionary<TEnum, string> Read()
        {
            var fields = typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Select(f => (Value: (TEnum)f.GetValue(null)!, Original: f.GetCustomAttribute<OriginalNameAttribute>()?.Name))
                .ToList();
            if (fields.Any(f => f.Original is null))
            {
                throw new InvalidOperationException($"{typeof(TEnum).FullName} is not an enum generated from the .proto contract.");
            }

            // The zero value is <PREFIX>UNSPECIFIED (buf lint's ENUM_ZERO_VALUE_SUFFIX), which gives the prefix.
            var zero = fields.Single(f => Convert.ToInt64(f.Value, CultureInfo.InvariantCulture) == 0).Original!;
            var prefix = zero[..^"UNSPECIFIED".Length];
            return fields.ToFrozenDictionary(f => f.Value, f => f.Original!.StartsWith(prefix, StringComparison.Ordinal) ? f.Original[prefix.Length..] : f.Original);
        }

        private static string Join(List<string> names) =>
            names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
    }
}
