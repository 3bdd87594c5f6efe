namespace Registry.Service.Records;

/// <summary>Record categories of spec §4.</summary>
public enum RecordCategory
{
    ProtectiveOrder = 1,
    RestrainingOrder = 2,
    AdministrativeOffense = 3,
    CriminalConviction = 4,
}
