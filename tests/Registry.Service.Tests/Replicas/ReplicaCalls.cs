using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Registry.Protos.V1;
using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Replicas;

/// <summary>The calls the replica tests make through one replica or another (generated gRPC clients, real HTTP/2).</summary>
internal static class ReplicaCalls
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static AdminService.AdminServiceClient AdminClient(ServiceProcess replica, string adminKey) => new(replica.CreateChannel(adminKey));

    public static CheckService.CheckServiceClient CheckClient(ServiceProcess replica, string key) => new(replica.CreateChannel(key));

    public static ConsentService.ConsentServiceClient ConsentClient(ServiceProcess replica, string key) => new(replica.CreateChannel(key));

    /// <summary>A new partner (allowed the dating-safety purpose) or auditor, created through <paramref name="replica"/>.</summary>
    public static async Task<CreatePartnerResponse> CreatePartnerAsync(ServiceProcess replica, string adminKey, Role role = Role.Partner)
    {
        var request = new CreatePartnerRequest { Name = $"{role}-{Guid.NewGuid():N}", Role = role };
        if (role == Role.Partner)
        {
            request.AllowedPurposes.Add(Purpose.DatingSafety);
        }

        return await AdminClient(replica, adminKey).CreatePartnerAsync(request, cancellationToken: Ct);
    }

    public static async Task<GrantConsentResponse> GrantAsync(
        ServiceProcess replica, string partnerKey, byte[] h1, int maxUses = 1, ConsentScope scope = ConsentScope.Presence)
    {
        var request = new GrantConsentRequest
        {
            H1 = ByteString.CopyFrom(h1),
            Purpose = Purpose.DatingSafety,
            Scope = scope,
            MaxUses = maxUses,
            Evidence = new ConsentEvidence
            {
                Kind = EvidenceKind.SmsOtp,
                Reference = "otp-" + Guid.NewGuid().ToString("N"),
                CapturedAt = Timestamp.FromDateTimeOffset(TimeProvider.System.GetUtcNow().AddMinutes(-1)),
            },
        };
        return await ConsentClient(replica, partnerKey).GrantConsentAsync(request, cancellationToken: Ct);
    }

    public static async Task<CheckResponse> CheckAsync(ServiceProcess replica, string partnerKey, string consentId, byte[] h1) =>
        await CheckClient(replica, partnerKey).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);

    /// <summary>A grant and one check of it through <paramref name="replica"/>; returns both audit receipts.</summary>
    public static async Task<string[]> GrantAndCheckAsync(ServiceProcess replica, string partnerKey)
    {
        var h1 = TestKeys.NewH1();
        var grant = await GrantAsync(replica, partnerKey, h1);
        var check = await CheckAsync(replica, partnerKey, grant.ConsentId, h1);
        return [grant.AuditEntryId, check.AuditEntryId];
    }

    /// <summary>
    /// Asserts that the log is one gap-free sequence holding every receipt, and that every replica in
    /// <paramref name="verifiers"/> verifies all of it (VerifyAuditLog: leaf hashes, tree, signed checkpoints).
    /// </summary>
    public static async Task AssertOneVerifiableLogAsync(ReplicaSet replicas, IEnumerable<ServiceProcess> verifiers, string auditorKey, IEnumerable<string> receipts)
    {
        // One statement, so one snapshot: entries keep arriving (e.g. the authentication-failure summaries).
        var numbers = await replicas.Database.IntegersAsync(
            "SELECT COUNT(*), COUNT(DISTINCT Sequence), MAX(Sequence) FROM audit_entries WHERE Sequence IS NOT NULL");
        var (total, distinct, last) = (numbers[0], numbers[1], numbers[2]);
        Assert.True(total == distinct && last == total - 1, $"{total} sequenced entries, {distinct} distinct numbers, the last {last}: not one gap-free sequence");
        var expected = receipts.ToHashSet(StringComparer.Ordinal);
        var sequenced = (await replicas.Database.ColumnAsync("SELECT Id FROM audit_entries WHERE Sequence IS NOT NULL")).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(expected.Except(sequenced));
        foreach (var verifier in verifiers)
        {
            var result = await new AuditService.AuditServiceClient(verifier.CreateChannel(auditorKey))
                .VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);
            Assert.True(result.Ok, $"replica {verifier.Port}: {result.Message}");
            Assert.True(result.EntriesVerified >= total, $"replica {verifier.Port}: {result.EntriesVerified} < {total}");
            Assert.True(result.CheckpointsVerified >= 1, result.Message);
        }
    }
}
