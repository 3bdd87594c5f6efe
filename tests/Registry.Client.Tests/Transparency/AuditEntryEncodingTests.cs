using Registry.Client.Transparency;

namespace Registry.Client.Tests.Transparency;

public sealed class AuditEntryEncodingTests
{
    // The same vector is printed in docs/audit.md; it was computed independently (Python struct/hashlib).
    private const string KnownEncoding =
        "72656769737472792f61756469742f7631000000000000000007" + "0000000561655f3031" + "000661174f235c40"
        + "000000027031" + "000000026b31" + "0000000c524f4c455f504152544e4552" + "00000005636865636b"
        + "00000020000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f" + "00000003686b31" + "000000026331"
        + "0000000d444154494e475f534146455459" + "0000000c7265636f72645f666f756e64" + "00000000" + "000000027231" + "00000000";

    private const string KnownLeafHash = "87a721054e4cc0731202900077e8a7a467f4ff49bada7e1a858a89ff8ce6ad39";

    internal static AuditEntryData SampleEntry() => new()
    {
        EntryId = "ae_01",
        RecordedAt = new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.Zero).AddTicks(1_234_560),
        PartnerId = "p1",
        KeyId = "k1",
        Role = "ROLE_PARTNER",
        Action = "check",
        SubjectKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray(),
        SubjectKeyId = "hk1",
        ConsentId = "c1",
        Purpose = "DATING_SAFETY",
        Outcome = "record_found",
        Reason = null,
        RequestId = "r1",
        Detail = string.Empty,
    };

    [Fact]
    public void Encode_SampleEntry_MatchesKnownAnswer()
    {
        var sut = AuditEntryEncoding.Encode(7, SampleEntry());

        Assert.Equal(KnownEncoding, Convert.ToHexStringLower(sut));
    }

    [Fact]
    public void LeafHash_SampleEntry_MatchesKnownAnswer()
    {
        var sut = AuditEntryEncoding.LeafHash(7, SampleEntry());

        Assert.Equal(KnownLeafHash, Convert.ToHexStringLower(sut));
    }

    [Fact]
    public void Encode_AnySingleFieldChanged_ChangesTheBytes()
    {
        var entry = SampleEntry();
        var variants = new Dictionary<string, (long Sequence, AuditEntryData Entry)>
        {
            ["sequence"] = (8, entry),
            ["entry_id"] = (7, entry with { EntryId = "ae_02" }),
            ["recorded_at"] = (7, entry with { RecordedAt = entry.RecordedAt.AddTicks(10) }),
            ["partner_id"] = (7, entry with { PartnerId = "p2" }),
            ["key_id"] = (7, entry with { KeyId = "k2" }),
            ["role"] = (7, entry with { Role = "ROLE_AUDITOR" }),
            ["action"] = (7, entry with { Action = "consent.grant" }),
            ["subject_key"] = (7, entry with { SubjectKey = new byte[32] }),
            ["subject_key_id"] = (7, entry with { SubjectKeyId = "hk2" }),
            ["consent_id"] = (7, entry with { ConsentId = "c2" }),
            ["purpose"] = (7, entry with { Purpose = "TENANCY_SCREENING" }),
            ["outcome"] = (7, entry with { Outcome = "no_record" }),
            ["reason"] = (7, entry with { Reason = "CONSENT_EXPIRED" }),
            ["request_id"] = (7, entry with { RequestId = "r2" }),
            ["detail"] = (7, entry with { Detail = "x" }),
            ["boundary shift"] = (7, entry with { PartnerId = "p1k", KeyId = "1" }),
        };
        var original = Convert.ToHexStringLower(AuditEntryEncoding.Encode(7, entry));

        var sut = variants.Where(v => Convert.ToHexStringLower(AuditEntryEncoding.Encode(v.Value.Sequence, v.Value.Entry)) == original)
            .Select(v => v.Key).ToList();

        Assert.Empty(sut);
    }

    [Fact]
    public void Encode_NullAndEmptyStrings_EncodeTheSame()
    {
        var withNulls = new AuditEntryData { RecordedAt = DateTimeOffset.UnixEpoch };
        var withEmpties = withNulls with { EntryId = string.Empty, Detail = string.Empty, SubjectKey = Array.Empty<byte>() };

        var sut = AuditEntryEncoding.Encode(0, withNulls);

        Assert.Equal(AuditEntryEncoding.Encode(0, withEmpties), sut);
    }

    [Fact]
    public void ToUnixMicroseconds_BeforeEpoch_RoundsDown()
    {
        var sut = AuditEntryEncoding.ToUnixMicroseconds(DateTimeOffset.UnixEpoch.AddTicks(-1));

        Assert.Equal(-1, sut);
    }

    [Fact]
    public void Encode_LoneSurrogate_Throws()
    {
        var entry = SampleEntry() with { Detail = "\ud800" };

        Assert.ThrowsAny<ArgumentException>(() => AuditEntryEncoding.Encode(0, entry));
    }
}
