using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Registry.Bench.Seed;
using Registry.Client;
using Registry.Client.Consents;
using Registry.Client.Identity;
using P = Registry.Protos.V1;

namespace Registry.Bench.Soak;

/// <summary>
/// The calls of the soak. Checks of seeded consents go through raw generated gRPC clients (the manifest has each
/// subject's h1, not the IIN the SDK would need), round-robin over all consents so none passes max_uses, over four
/// HTTP/2 connections; grants, checks of granted and revoked consents and revocations go through the SDK
/// (<see cref="RegistryClient"/>, retries off so that every failure is seen).
/// </summary>
/// <remarks>
/// Mix, per 1,000 paced calls: 940 seeded checks, 25 grants, 20 checks of a granted consent, 10 revocations, 5 checks of a
/// revoked consent. A consent sits in at most one place at a time (the granted queue, one call, or the revoked queue),
/// so a check never races its own revocation and an expected answer is unambiguous.
/// </remarks>
public sealed class SoakWorkload : IDisposable
{
    private const int GrantedMaxUses = 20;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    private readonly CallLedger _ledger;
    private readonly TimeProvider _clock;
    private readonly GrpcChannel[] _channels;
    private readonly P.CheckService.CheckServiceClient[] _checks;
    private readonly RegistryClient _partner;
    private readonly string[] _consentIds;
    private readonly ByteString[] _h1s;
    private readonly P.CheckOutcome[] _expected;
    private readonly ConcurrentQueue<GrantedConsent> _granted = new();
    private readonly ConcurrentQueue<GrantedConsent> _revoked = new();
    private readonly PersonGenerator _people;
    private readonly Lock _peopleLock = new();
    private long _nextSeeded = -1;

    public SoakWorkload(Uri address, SeedManifest manifest, CallLedger ledger, int seed, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        _ledger = ledger;
        _clock = clock;
        _channels = Enumerable.Range(0, 4).Select(_ => CreateChannel(address, manifest.Partner.ApiKey)).ToArray();
        _checks = _channels.Select(c => new P.CheckService.CheckServiceClient(c)).ToArray();
        _partner = new RegistryClient(address, new RegistryApiKeyCredential(manifest.Partner.ApiKey), new RegistryClientOptions
        {
            MaxRetries = 0,
            Timeout = CallDeadline,
            AttemptTimeout = CallDeadline,
            TimeProvider = clock,
        });
        _consentIds = manifest.Consents.Select(c => c.ConsentId).ToArray();
        _h1s = manifest.Consents.Select(c => ByteString.FromBase64(c.H1)).ToArray();
        _expected = manifest.Consents
            .Select(c => c.Expected == SeedManifest.RecordFound ? P.CheckOutcome.RecordFound : P.CheckOutcome.NoRecord)
            .ToArray();
        _people = new PersonGenerator(new Random(seed), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    public int SeededConsents => _consentIds.Length;

    public int GrantedWaiting => _granted.Count;

    public int RevokedWaiting => _revoked.Count;

    /// <summary>One paced call, chosen from the mix by its number; never throws.</summary>
    public Task RunAsync(long n)
    {
        // Fibonacci hashing spreads consecutive call numbers evenly over the 1,000 slots of the mix.
        var slot = (int)((ulong)n * 11400714819323198485UL >> 40) % 1000;
        return slot switch
        {
            < 940 => CheckSeededAsync(SoakOperation.CheckSeeded),
            < 965 => GrantAsync(n),
            < 985 => CheckGrantedAsync(),
            < 995 => RevokeAsync(),
            _ => CheckRevokedAsync(),
        };
    }

    /// <summary>A check of the next seeded consent; an answer with another outcome than the manifest's is an error.</summary>
    public async Task<bool> CheckSeededAsync(SoakOperation operation)
    {
        var i = (int)(Interlocked.Increment(ref _nextSeeded) % _consentIds.Length);
        var request = new P.CheckRequest
        {
            ConsentId = _consentIds[i],
            H1 = _h1s[i],
            Purpose = P.Purpose.DatingSafety,
            RequestId = Guid.NewGuid().ToString("N"),
        };
        var started = _clock.GetTimestamp();
        try
        {
            var response = await _checks[i & 3].CheckAsync(request, deadline: _clock.GetUtcNow().UtcDateTime + CallDeadline);
            if (response.Outcome == _expected[i])
            {
                _ledger.Expected(operation, "OK " + response.Outcome, started, _clock.GetTimestamp());
                return true;
            }

            _ledger.Error(operation, $"outcome {response.Outcome}, expected {_expected[i]}", null, started, _clock.GetTimestamp());
        }
        catch (Exception ex)
        {
            _ledger.Error(operation, SoakErrors.Kind(ex), SoakErrors.Message(ex), started, _clock.GetTimestamp());
        }

        return false;
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }

    private async Task GrantAsync(long n)
    {
        SubjectIdentity subject;
        lock (_peopleLock)
        {
            subject = _people.Next().Iin;
        }

        var started = _clock.GetTimestamp();
        try
        {
            var evidence = new ConsentEvidence(EvidenceKind.SmsOtp, $"soak-otp-{n}", _clock.GetUtcNow().AddMinutes(-1));
            var consent = await _partner.GrantConsentAsync(
                subject, Purpose.DatingSafety, ConsentScope.Summary, evidence, TimeSpan.FromDays(1), GrantedMaxUses);
            _ledger.Expected(SoakOperation.Grant, "OK", started, _clock.GetTimestamp());
            _granted.Enqueue(new GrantedConsent(consent.ConsentId, subject));
        }
        catch (Exception ex)
        {
            _ledger.Error(SoakOperation.Grant, SoakErrors.Kind(ex), SoakErrors.Message(ex), started, _clock.GetTimestamp());
        }
    }

    private async Task CheckGrantedAsync()
    {
        if (!_granted.TryDequeue(out var consent))
        {
            await CheckSeededAsync(SoakOperation.CheckSeeded);
            return;
        }

        var started = _clock.GetTimestamp();
        try
        {
            var result = await _partner.CheckAsync(consent.Subject, consent.ConsentId, Purpose.DatingSafety);
            _ledger.Expected(SoakOperation.CheckGranted, "OK " + result.Outcome, started, _clock.GetTimestamp());
            if (result.ConsentUsesRemaining > 0)
            {
                _granted.Enqueue(consent);
            }
        }
        catch (Exception ex)
        {
            _ledger.Error(SoakOperation.CheckGranted, SoakErrors.Kind(ex), SoakErrors.Message(ex), started, _clock.GetTimestamp());
        }
    }

    private async Task RevokeAsync()
    {
        if (!_granted.TryDequeue(out var consent))
        {
            await CheckSeededAsync(SoakOperation.CheckSeeded);
            return;
        }

        var started = _clock.GetTimestamp();
        try
        {
            await _partner.RevokeConsentAsync(consent.ConsentId);
            _ledger.Expected(SoakOperation.Revoke, "OK", started, _clock.GetTimestamp());
            _revoked.Enqueue(consent);
        }
        catch (Exception ex)
        {
            _ledger.Error(SoakOperation.Revoke, SoakErrors.Kind(ex), SoakErrors.Message(ex), started, _clock.GetTimestamp());
        }
    }

    private async Task CheckRevokedAsync()
    {
        if (!_revoked.TryDequeue(out var consent))
        {
            await CheckSeededAsync(SoakOperation.CheckSeeded);
            return;
        }

        var started = _clock.GetTimestamp();
        try
        {
            var result = await _partner.CheckAsync(consent.Subject, consent.ConsentId, Purpose.DatingSafety);
            _ledger.Error(SoakOperation.CheckRevoked, "answered under a revoked consent", $"outcome {result.Outcome}", started, _clock.GetTimestamp());
        }
        catch (RegistryAuthException ex) when (ex.StatusCode == StatusCode.PermissionDenied && ex.ErrorCode == "CONSENT_REVOKED")
        {
            _ledger.Expected(SoakOperation.CheckRevoked, "refused PermissionDenied/CONSENT_REVOKED", started, _clock.GetTimestamp());
        }
        catch (Exception ex)
        {
            _ledger.Error(SoakOperation.CheckRevoked, SoakErrors.Kind(ex), SoakErrors.Message(ex), started, _clock.GetTimestamp());
        }

        _revoked.Enqueue(consent);
    }

    private static GrpcChannel CreateChannel(Uri address, string apiKey)
    {
        var handler = new BearerHandler(apiKey) { InnerHandler = new SocketsHttpHandler() };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private sealed record GrantedConsent(string ConsentId, SubjectIdentity Subject);

    private sealed class BearerHandler(string apiKey) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
