using Microsoft.Extensions.Options;

namespace Registry.Service.Telemetry;

/// <summary>
/// The OTLP endpoint, ours or the standard variable, must be an absolute http(s) URI: a typo stops the start instead of
/// silently exporting nothing (the exporter would only report its failures to an EventSource nobody reads).
/// </summary>
public sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ValidateOptionsResultBuilder();
        Check(errors, $"{TelemetryOptions.SectionName}:OtlpEndpoint", options.OtlpEndpoint);
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            Check(errors, TelemetryOptions.StandardEndpointVariable, configuration[TelemetryOptions.StandardEndpointVariable]);
        }

        if (!Enum.IsDefined(options.OtlpProtocol))
        {
            errors.AddError($"{TelemetryOptions.SectionName}:OtlpProtocol must be Grpc or HttpProtobuf.");
        }

        return errors.Build();
    }

    // The value is not repeated in the message: an endpoint may carry credentials in its user-info part.
    private static void Check(ValidateOptionsResultBuilder errors, string setting, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return; // unset: nothing is exported
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.AddError($"{setting} must be an absolute http:// or https:// URI of an OTLP collector (e.g. http://otel-collector:4317); unset it to export nothing.");
        }
    }
}
