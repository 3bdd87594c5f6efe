using Microsoft.Extensions.Options;

namespace Registry.Service.Infrastructure;

/// <summary>Cross-field rules of <see cref="DatabaseOptions"/>.</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"Registry:Database:Provider must be Sqlite, SqlServer or Postgres, not '{options.Provider}'.");
        }

        if (options.Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"Registry:Database:Provider is {options.Provider} but ConnectionStrings:Registry is not set. Set it (e.g. the environment variable ConnectionStrings__Registry).");
        }

        return ValidateOptionsResult.Success;
    }
}
