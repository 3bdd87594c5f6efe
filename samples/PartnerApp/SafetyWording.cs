using Microsoft.Extensions.Options;
using Registry.Client.Checks;

namespace PartnerApp;

/// <summary>
/// Turns a check result into words. A registry without a record for someone says nothing about who they are: it holds
/// only the court decisions imported into it. So NO_RECORD reads "no record in this registry" and never "safe" (the false
/// sense of security that disclosure schemes and dating-app background checks are known for), and a found record always
/// comes with where to get help.
/// </summary>
public sealed class SafetyWording(IOptions<HelpOptions> help)
{
    public const string NoRecordMessage =
        "There is no record in this registry for this person. The registry holds only the court decisions imported into it, " +
        "so this is not a statement about them: meet in a public place and tell someone you trust where you are.";

    public const string RecordFoundMessage =
        "This registry holds a record for this person. If you feel unsure or at risk, you do not have to meet them; " +
        "the services below can help.";

    public SafetyCheckResponse Describe(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var categories = result.Summary?.Categories.Select(c => $"{Describe(c.Category)}: {c.Count}").ToList() ?? [];
        if (result.Summary?.IsProtectiveOrderInForce == true)
        {
            categories.Add("a protective order is in force");
        }

        // An outcome this version does not know is an error, never "no record".
        return result.Outcome switch
        {
            CheckOutcome.RecordFound => new SafetyCheckResponse("RECORD_FOUND", RecordFoundMessage, categories, [.. help.Value.Lines], result.AuditEntryId),
            CheckOutcome.NoRecord => new SafetyCheckResponse("NO_RECORD", NoRecordMessage, [], null, result.AuditEntryId),
            _ => throw new InvalidOperationException($"The registry answered an outcome this app does not know ({(int)result.Outcome})."),
        };
    }

    private static string Describe(RecordCategory category) => category switch
    {
        RecordCategory.ProtectiveOrder => "protective order",
        RecordCategory.RestrainingOrder => "restraining order",
        RecordCategory.AdministrativeOffense => "administrative offence",
        RecordCategory.CriminalConviction => "criminal conviction",
        _ => "other record",
    };
}
