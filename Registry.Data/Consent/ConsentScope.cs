namespace Registry.Service.Consent;

/// <summary>What checks under a consent may disclose (spec §4).</summary>
public enum ConsentScope
{
    Presence = 1,
    Summary = 2,
}
