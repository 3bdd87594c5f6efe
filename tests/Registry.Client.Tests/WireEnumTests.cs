using Registry.Client.Admin;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests;

public sealed class WireEnumTests
{
    public static TheoryData<Type, Type> Pairs => new()
    {
        { typeof(Purpose), typeof(P.Purpose) },
        { typeof(ConsentScope), typeof(P.ConsentScope) },
        { typeof(EvidenceKind), typeof(P.EvidenceKind) },
        { typeof(CheckOutcome), typeof(P.CheckOutcome) },
        { typeof(RecordCategory), typeof(P.RecordCategory) },
        { typeof(RecordStatus), typeof(P.RecordStatus) },
        { typeof(Role), typeof(P.Role) },
        { typeof(ImportJobStatus), typeof(P.ImportJobStatus) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Pair_EveryMember_HasTheSameNameAndNumberInTheContract(Type sdk, Type proto)
    {
        var sdkMembers = Enum.GetValues(sdk).Cast<object>().Select(v => (Name: v.ToString(), Number: Convert.ToInt32(v, null)));

        var protoMembers = Enum.GetValues(proto).Cast<object>().Select(v => (Name: v.ToString(), Number: Convert.ToInt32(v, null)))
            .Where(m => m.Number != 0);

        Assert.Equal(protoMembers.OrderBy(m => m.Number), sdkMembers.OrderBy(m => m.Number));
    }

    [Fact]
    public void ToProto_DefinedValue_MapsByNumber()
    {
        var proto = WireEnum<Purpose, P.Purpose>.ToProto(Purpose.EmploymentScreening);

        Assert.Equal(P.Purpose.EmploymentScreening, proto);
    }

    [Fact]
    public void ToProto_UndefinedValue_ThrowsNamingTheArgument()
    {
        var purpose = (Purpose)42;

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => WireEnum<Purpose, P.Purpose>.ToProto(purpose));

        Assert.Equal("purpose", ex.ParamName);
        Assert.Equal(42, ex.ActualValue);
    }

    [Fact]
    public void ToSdkOrNull_Unspecified_IsNull()
    {
        var sdk = WireEnum<Role, P.Role>.ToSdkOrNull(P.Role.Unspecified);

        Assert.Null(sdk);
    }
}
