using System.ComponentModel.DataAnnotations;

namespace Registry.Service.Identity;

/// <summary>The HMAC key K of subject keys (spec §2). It lives only in configuration, never in the database.</summary>
public sealed class SubjectKeyOptions
{
    public const string SectionName = "Registry:SubjectKey";

    /// <summary>The key id stored beside every subject key. Default <c>k1</c>.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,32}$")]
    public string KeyId { get; set; } = "k1";

    /// <summary>K as base64 (32 bytes). Takes precedence over <see cref="KeyFile"/>.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// A file holding K as base64 (a relative path is relative to the content root). In Development, when neither this nor <see cref="Secret"/> is set, a key
    /// is generated on first start in <c>subject-key.b64</c> beside the SQLite database. In Production a
    /// missing key stops the service at start-up.
    /// </summary>
    public string? KeyFile { get; set; }
}
