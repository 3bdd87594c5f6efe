using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Registry.Service.Records;

/// <summary>
/// SHA-256 of what a court's export says of a record: its category, article, region, court, dates, status and subject
/// keys (sorted), in a fixed layout. An administrator's correction keeps the digest of the record as the court had sent
/// it (<see cref="CourtRecord.CorrectedFrom"/>), so that an import can tell an unchanged export, which leaves the
/// correction alone, from a changed one, which supersedes it.
/// </summary>
public static class RecordDigest
{
    public const int Length = 32;

    public static byte[] Of(
        RecordCategory category, string? article, string? region, string? court, DateOnly decisionDate, DateOnly? effectiveFrom,
        DateOnly? expiresAt, RecordStatus status, IEnumerable<byte[]> sortedSubjectKeys)
    {
        ArgumentNullException.ThrowIfNull(sortedSubjectKeys);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var number = new byte[4];
        void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(number, value);
            hash.AppendData(number);
        }

        void Text(string? value)
        {
            // -1 for null, else the UTF-8 length then the bytes: no two field lists share an encoding.
            Int(value is null ? -1 : Encoding.UTF8.GetByteCount(value));
            if (value is not null)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(value));
            }
        }

        void Date(DateOnly? value) => Int(value?.DayNumber ?? -1);

        Int((int)category);
        Text(article);
        Text(region);
        Text(court);
        Date(decisionDate);
        Date(effectiveFrom);
        Date(expiresAt);
        Int((int)status);
        foreach (var key in sortedSubjectKeys)
        {
            Int(key.Length);
            hash.AppendData(key);
        }

        return hash.GetHashAndReset();
    }
}
