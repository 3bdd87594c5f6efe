namespace Registry.Cli.Commands.Audit;

/// <summary>Writes a secret signer key to a file only its owner can read or write.</summary>
internal static class SignerKeyFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> with mode 0600 (on Unix) before any byte of the secret is written. An existing
    /// file is replaced only with <paramref name="overwrite"/>, and is deleted first so the new one is created 0600
    /// rather than inheriting the old file's mode.
    /// </summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false, or it cannot be written.</exception>
    public static void Write(string path, string signerKey, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(signerKey);
        if (File.Exists(path))
        {
            if (!overwrite)
            {
                throw new IOException($"{path} exists; pass --force to replace it (the key in it is then lost).");
            }

            File.Delete(path);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(signerKey + "\n");
    }
}
