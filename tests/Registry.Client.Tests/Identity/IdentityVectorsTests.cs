using Registry.Client.Identity;

namespace Registry.Client.Tests.Identity;

/// <summary>Checks every published vector of docs/identity.md against the SDK.</summary>
public sealed class IdentityVectorsTests
{
    public static TheoryData<string> Rows => [.. IdentityVectorTable.Rows];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Vector_FromDocTable_MatchesSdk(string row)
    {
        var vector = IdentityVector.Parse(row);

        var isValid = Create(vector, out var identity, out var error);

        if (vector.IsValid)
        {
            Assert.True(isValid, error?.Rule);
            Assert.Equal(vector.NormalizedValue, identity!.NormalizedValue);
            Assert.Equal(vector.H1Hex, identity.H1Hex);
        }
        else
        {
            Assert.False(isValid);
            Assert.Equal(vector.Rule, error!.Rule);
        }
    }

    [Fact]
    public void VectorTable_Always_CoversEveryRuleButInputLength()
    {
        var rules = typeof(IdentityValidationRules).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();

        var covered = IdentityVectorTable.Vectors.Where(v => !v.IsValid).Select(v => v.Rule!).ToHashSet();

        // NAME_TOO_LONG needs a 301-letter name, tested in NameNormalizerTests rather than printed in the doc.
        rules.Remove(IdentityValidationRules.NameTooLong);
        Assert.Subset(rules, covered);
        Assert.Subset(covered, rules);
    }

    [Fact]
    public void VectorTable_Always_HasValidVectorsOfBothKindsAndBothCheckDigitPasses()
    {
        var valid = IdentityVectorTable.Vectors.Where(v => v.IsValid).ToList();

        var firstPassSums = valid.Where(v => v.Kind == KzIin.KindName)
            .Select(v => v.NormalizedValue!.Take(11).Select((c, i) => (c - '0') * (i + 1)).Sum() % 11)
            .ToList();

        Assert.Contains(valid, v => v.Kind == SubjectIdentity.NameDobKindName);
        Assert.Contains(10, firstPassSums);
        Assert.Contains(firstPassSums, s => s != 10);
    }

    private static bool Create(IdentityVector vector, out SubjectIdentity? identity, out IdentityValidationException? error) =>
        vector.Kind switch
        {
            KzIin.KindName => SubjectIdentity.TryFromIin(vector.Input, out identity, out error),
            SubjectIdentity.NameDobKindName => SubjectIdentity.TryFromNameAndBirthDate(vector.Input, vector.BirthDate!.Value, out identity, out error),
            _ => throw new InvalidOperationException($"Unknown kind {vector.Kind}"),
        };
}
