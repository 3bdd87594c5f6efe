using Registry.Service.Consent;
using Registry.Service.Infrastructure;
using Registry.Service.Partners;
using V1 = Registry.Protos.V1;

namespace Registry.Service.Tests.Infrastructure;

public sealed class ContractNamesTests
{
    [Theory]
    [InlineData(ConsentPurpose.DatingSafety, "DATING_SAFETY")]
    [InlineData(ConsentPurpose.EmploymentScreening, "EMPLOYMENT_SCREENING")]
    [InlineData(ConsentPurpose.TenancyScreening, "TENANCY_SCREENING")]
    public void Of_Purpose_IsTheContractsValueNameWithoutItsPrefix(ConsentPurpose purpose, string expected)
    {
        var name = ContractNames.Of(purpose);

        Assert.Equal(expected, name);
    }

    [Theory]
    [InlineData(PartnerRole.Partner, "PARTNER")]
    [InlineData(PartnerRole.Admin, "ADMIN")]
    public void Of_Role_IsTheContractsValueNameWithoutItsPrefix(PartnerRole role, string expected)
    {
        var name = ContractNames.Of(role);

        Assert.Equal(expected, name);
    }

    [Fact]
    public void Of_ValueTheContractLacks_IsItsNumber()
    {
        var name = ContractNames.Of((V1.Purpose)42);

        Assert.Equal("42", name);
    }

    [Fact]
    public void Choices_Role_ListsEveryValueButUnspecifiedInContractOrder()
    {
        var choices = ContractNames.Choices<V1.Role>();

        Assert.Equal("PARTNER, AUDITOR or ADMIN", choices);
    }

    [Fact]
    public void Choices_EvidenceKind_ListsEveryValueButUnspecified()
    {
        var choices = ContractNames.Choices<V1.EvidenceKind>();

        Assert.Equal("SMS_OTP, DIGITAL_SIGNATURE or IN_APP_ATTESTATION", choices);
    }

    [Fact]
    public void Of_EnumNotGeneratedFromTheContract_Throws()
    {
        var ex = Record.Exception(() => ContractNames.Of(DayOfWeek.Monday));

        Assert.IsType<TypeInitializationException>(ex);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
    }
}
