using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client;

/// <summary>The client of the Registry service: consents and checks for partner apps, administration, and the audit log.</summary>
/// <remarks>
/// <para>The client is thread-safe; create one per endpoint and key and keep it for the life of the application
/// (it owns a gRPC channel and its connections, which <see cref="Dispose()"/> closes). Register it with
/// <c>services.AddRegistryClient(configuration.GetSection("Registry"))</c>, and the container disposes it.</para>
/// <para>Every call goes through one resilience pipeline built from <see cref="RegistryClientOptions"/>: a total timeout around
/// retries (of <c>Unavailable</c>, and of <c>ResourceExhausted</c> with a RetryInfo; after the server's RetryInfo delay when there is one) around a per-attempt
/// timeout, with a circuit breaker that fails calls at once during a storm of <c>UNAVAILABLE</c> answers. Failures surface as
/// <see cref="RegistryRequestException"/> or one of its subclasses.</para>
/// <para>Which calls a key may make depends on its role: partner keys consent and check, auditor keys read the audit log,
/// admin keys administer.</para>
/// </remarks>
public partial class RegistryClient : IDisposable
{
    private readonly RegistryCallInvoker _invoker;
    private readonly P.ConsentService.ConsentServiceClient _consents;
    private readonly P.CheckService.CheckServiceClient _checks;
    private readonly P.AdminService.AdminServiceClient _admin;
    private readonly P.AuditService.AuditServiceClient _audit;

    /// <summary>Creates a client that talks to the service at <paramref name="endpoint"/> with an API key.</summary>
    /// <param name="endpoint">The service address, <c>https://…</c> or plain <c>http://…</c> (h2c), e.g. <c>http://localhost:5080</c>.</param>
    /// <param name="credential">The API key, sent as <c>authorization: Bearer</c> on every call.</param>
    /// <param name="options">Timeouts, retries, clock and transport; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="credential"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http or https address, or an option
    /// is invalid (the exception's parameter name names the option).</exception>
    public RegistryClient(Uri endpoint, RegistryApiKeyCredential credential, RegistryClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The endpoint must be an absolute http:// or https:// address.", nameof(endpoint));
        }

        var validated = (options ?? new RegistryClientOptions()).Clone();
        validated.Validate();

        Endpoint = endpoint;
        var channel = RegistryChannelFactory.Create(endpoint, validated);
        var telemetry = new RegistryClientTelemetry(validated);
        _invoker = new RegistryCallInvoker(
            channel, RegistryResilience.CreatePipeline(validated, telemetry), telemetry, credential, validated.TimeProvider);
        _consents = new P.ConsentService.ConsentServiceClient(channel);
        _checks = new P.CheckService.CheckServiceClient(channel);
        _admin = new P.AdminService.AdminServiceClient(channel);
        _audit = new P.AuditService.AuditServiceClient(channel);
    }

    /// <summary>Creates a client for mocking; its members throw unless overridden.</summary>
    protected RegistryClient()
    {
        Endpoint = null!;
        _invoker = null!;
        _consents = null!;
        _checks = null!;
        _admin = null!;
        _audit = null!;
    }

    /// <summary>Gets the address of the service the client talks to.</summary>
    public virtual Uri Endpoint { get; }

    /// <summary>Closes the client's channel and its connections; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>A handler passed in <see cref="RegistryClientOptions.HttpHandler"/> is not disposed; a meter from
    /// <see cref="RegistryClientOptions.MeterFactory"/> stays with its factory. Calls in flight are cancelled.</remarks>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the channel, its connections and the client's own meter.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Null on a mock built with the protected constructor.
            _invoker?.Dispose();
        }
    }
}
