namespace Registry.Service.Infrastructure;

/// <summary>
/// Finds a secret the service needs at start-up (the subject key K, the checkpoint signing key): given inline in
/// configuration, or in a file named by configuration; in Development only, generated once into a file beside the
/// SQLite database (owner-only), so that every replica on that file shares it. Anywhere else a missing secret is a
/// start-up error carrying <paramref name="missingMessage"/>.
/// </summary>
public static class ConfiguredSecret
{
    /// <returns>The secret's text and where it came from (a setting name or a path — never the secret).</returns>
    public static (string Text, string Source) Resolve(
        string? inline, string inlineSetting, string? file, string fileSetting,
        DatabaseOptions database, IHostEnvironment environment, string generatedFileName, Func<string> generate, string missingMessage)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(generate);
        if (!string.IsNullOrWhiteSpace(inline))
        {
            return (inline, inlineSetting);
        }

        if (!string.IsNullOrWhiteSpace(file))
        {
            return File.Exists(file)
                ? (File.ReadAllText(file), fileSetting)
                : throw new InvalidOperationException($"{fileSetting} '{file}' does not exist.");
        }

        var directory = DatabaseServiceCollectionExtensions.SqliteDirectory(database);
        if (!environment.IsDevelopment() || directory is null)
        {
            throw new InvalidOperationException(missingMessage);
        }

        var path = Path.Combine(directory, generatedFileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            SecretFile.WriteNew(path, generate() + "\n");
        }

        return (File.ReadAllText(path), path);
    }
}
