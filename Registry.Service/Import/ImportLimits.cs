namespace Registry.Service.Import;

/// <summary>The bounds of one import stream (the row rules themselves are <c>Registry.Client.Admin.RecordRowRules</c>).</summary>
internal static class ImportLimits
{
    /// <summary>The longest source name (the file name an administrator imports), in UTF-16 code units.</summary>
    public const int SourceNameMaxLength = ImportJob.SourceNameMaxLength;
}
