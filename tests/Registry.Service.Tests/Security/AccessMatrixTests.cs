using System.Globalization;
using System.Text;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Infrastructure;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Security;

/// <summary>
/// The access-control matrix (issue 10, item 6; OWASP API2/API5): every RPC of every service, called through the real
/// pipeline with no key, a garbled key, a well-formed key with a wrong secret, a revoked key, a suspended partner's key and
/// each role's key. Refusals must be exactly UNAUTHENTICATED (no valid key) or PERMISSION_DENIED (a suspended partner, a
/// role that may not call the RPC); the one allowed role must reach the handler, which answers an empty request as it
/// sees fit (OK, INVALID_ARGUMENT, NOT_FOUND…) but never as an authentication or authorization failure.
/// </summary>
public sealed class AccessMatrixTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private static readonly string[] AuthReasons =
        ["API_KEY_MISSING", "API_KEY_INVALID", "API_KEY_REVOKED", "PARTNER_SUSPENDED", "ROLE_NOT_ALLOWED"];

    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every RPC of the service's protos, and the health service the host maps too.</summary>
    public static IReadOnlyList<MethodDescriptor> Methods() =>
        [.. RegistryServices().SelectMany(s => s.Methods), .. Grpc.Health.V1.Health.Descriptor.Methods];

    [Fact]
    public void Rows_NameEveryRpc_AndEveryProtoServiceIsMapped()
    {
        var methods = Methods().Select(FullName).ToList();

        Assert.Equal(methods.Order(StringComparer.Ordinal), AccessMatrixRows.Rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(RegistryServices().Select(s => s.FullName).Order(StringComparer.Ordinal), GrpcHostingExtensions.ServiceNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryRpc_WithEachCredential_AnswersTheExpectedStatus()
    {
        var credentials = await CredentialsAsync();
        var invokers = credentials.Select(c => factory.CreateChannel(c.ApiKey).CreateCallInvoker()).ToList();
        var mismatches = new List<string>();
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| RPC | may call | {string.Join(" | ", credentials.Select(c => c.Name))} |");
        table.AppendLine(CultureInfo.InvariantCulture, $"| --- | --- |{string.Concat(credentials.Select(_ => " --- |"))}");

        foreach (var method in Methods())
        {
            var name = FullName(method);
            var hasRow = AccessMatrixRows.Rows.TryGetValue(name, out var access);
            var cells = new List<string>();
            for (var i = 0; i < credentials.Count; i++)
            {
                var outcome = await RawRpc.CallAsync(invokers[i], method, Ct);
                var reaches = hasRow && Reaches(access, credentials[i]);
                cells.Add(reaches ? $"*{Canonical(outcome.Code)}*" : Canonical(outcome.Code));
                var expected = !hasRow ? "a row in AccessMatrixRows" : reaches ? "the handler" : Canonical(Refusal(credentials[i]));
                var held = hasRow && (reaches ? ReachedHandler(outcome) : outcome.Code == Refusal(credentials[i]));
                if (!held)
                {
                    mismatches.Add($"{name} with {credentials[i].Name}: expected {expected}, got {Canonical(outcome.Code)} ({outcome.Reason})");
                }
            }

            table.AppendLine(CultureInfo.InvariantCulture, $"| `{name}` | {(hasRow ? access.ToString().ToLowerInvariant() : "?")} | {string.Join(" | ", cells)} |");
        }

        Record(table.ToString());
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    /// <summary>The services of every file in Registry.Protos (a new proto file with a service is found too).</summary>
    private static IEnumerable<ServiceDescriptor> RegistryServices() =>
        typeof(CheckService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .SelectMany(f => f.Services)
            .DistinctBy(s => s.FullName);

    private static string FullName(MethodDescriptor method) => $"{method.Service.FullName}/{method.Name}";

    /// <summary>Whether the credential gets past authentication and authorization for an RPC with this access.</summary>
    private static bool Reaches(Access access, Credential credential) =>
        access == Access.Anonymous || credential.Role == access;

    /// <summary>The refusal a credential gets from an RPC it may not call.</summary>
    private static StatusCode Refusal(Credential credential) =>
        credential.IsAuthenticated ? StatusCode.PermissionDenied : StatusCode.Unauthenticated;

    /// <summary>
    /// The call got past authentication and authorization: no auth status, no auth reason, and no crash of the handler on an
    /// empty request either.
    /// </summary>
    private static bool ReachedHandler(RpcOutcome outcome) =>
        outcome.Code is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.Unknown or StatusCode.Internal or StatusCode.Unimplemented)
        && !AuthReasons.Contains(outcome.Reason, StringComparer.Ordinal);

    private static string Canonical(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        _ => string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString())),
    };

    private static void Record(string table)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "access-matrix.md"), table);
    }

    /// <summary>The matrix's columns: the API key each is sent with, and the role it authenticates as (none when refused).</summary>
    private async Task<IReadOnlyList<Credential>> CredentialsAsync()
    {
        var (_, partnerKey) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var (_, auditorKey) = await _scenario.CreatePartnerAsync(Role.Auditor);
        var (suspendedId, suspendedKey) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        var (_, revokedKey) = await _scenario.CreatePartnerAsync(Role.Partner, Purpose.DatingSafety);
        await _scenario.Admin.SetPartnerSuspendedAsync(
            new SetPartnerSuspendedRequest { PartnerId = suspendedId, Suspended = true, Reason = "access matrix" }, cancellationToken: Ct);
        await _scenario.Admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { KeyId = revokedKey.Split('_')[1] }, cancellationToken: Ct);
        var wrongSecret = partnerKey[..^8] + (partnerKey.EndsWith("00000000", StringComparison.Ordinal) ? "11111111" : "00000000");
        return
        [
            new("no key", null, null, IsAuthenticated: false),
            new("garbled key", "not-an-api-key", null, IsAuthenticated: false),
            new("wrong secret", wrongSecret, null, IsAuthenticated: false),
            new("revoked key", revokedKey, null, IsAuthenticated: false),
            new("suspended partner", suspendedKey, null, IsAuthenticated: true),
            new("partner", partnerKey, Access.Partner, IsAuthenticated: true),
            new("auditor", auditorKey, Access.Auditor, IsAuthenticated: true),
            new("admin", factory.AdminApiKey, Access.Admin, IsAuthenticated: true),
        ];
    }

    /// <summary>
    /// One column of the matrix. <paramref name="IsAuthenticated"/>: the key names a live key of a known partner, so a refusal
    /// is PERMISSION_DENIED (a suspended partner, a wrong role), not UNAUTHENTICATED.
    /// </summary>
    private sealed record Credential(string Name, string? ApiKey, Access? Role, bool IsAuthenticated);
}
