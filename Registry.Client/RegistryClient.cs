using Registry.Client.Internal;
using P = Registry.Protos.V1;

namespace Registry.Client;

/// <summary>The client of the Registry service: consents and checks for partner apps, administration, and the audit log.</summary>
/// <remarks>
/// <para>The client is thread-safe; create one per endpoint and key and keep it for the life of the application
/// (it owns a gRPC channel and its connections). Register it with <c>services.AddRegistryClient(...)</c>.</para>
/// <para>Every call goes through one resilience pipeline built from <see cref="RegistryClientOptions"/>: a total timeout around
/// retries (of <c>Unavailable</c>, and of <c>ResourceExhausted</c> after the server's RetryInfo delay) around a per-attempt
/// timeout. Failures surface as <see cref="RegistryRequestException"/> or one of its subclasses.</para>
/// <para>Which calls a key may make depends on its role: partner keys consent and check, auditor keys read the audit log,
/// admin keys administer.</para>
/// </remarks>
public partial class RegistryClient
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
        _invoker = new RegistryCallInvoker(RegistryResilience.CreatePipeline(validated), credential, validated.TimeProvider);
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
}
