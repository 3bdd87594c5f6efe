namespace Registry.Service.Records;

/// <summary>Record statuses of spec §4; only <see cref="Active"/> and <see cref="Expired"/> are ever disclosed.</summary>
public enum RecordStatus
{
    Active = 1,
    Expired = 2,
    Overturned = 3,
    Expunged = 4,
}
