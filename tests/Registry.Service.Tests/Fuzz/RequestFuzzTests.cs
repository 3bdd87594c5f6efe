using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Registry.Protos.V1;
using Registry.Service.Infrastructure;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Fuzz;

/// <summary>
/// Hostile input (issue 10, item 4): more than 10,000 malformed, truncated, oversized and random-field requests, sent as
/// raw HTTP/2 gRPC frames through the real pipeline to every RPC of every registry service (enumerated from the generated
/// descriptors, so a new RPC is fuzzed without a change here), with the right role's key and without one. No answer may
/// be UNKNOWN or INTERNAL, each must be one its case allows, every message stays short, the service answers valid calls
/// afterwards, and its managed heap stays bounded.
/// </summary>
public sealed class RequestFuzzTests(FuzzAppFactory factory) : IClassFixture<FuzzAppFactory>
{
    public const int Seed = 20_261_210;
    public const int Rounds = 20;

    /// <summary>Growth of the managed heap (after a full collection) the run may cause, in bytes.</summary>
    public const long MaxHeapGrowth = 128L * 1024 * 1024;

    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every RPC of every service in the registry.v1 package, from the generated file descriptors.</summary>
    public static IReadOnlyList<MethodDescriptor> Methods() =>
        typeof(CheckRequest).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", typeof(FileDescriptor))?.GetValue(null) as FileDescriptor)
            .OfType<FileDescriptor>()
            .Where(f => f.Package == "registry.v1")
            .SelectMany(f => f.Services)
            .SelectMany(s => s.Methods)
            .OrderBy(m => m.FullName, StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Methods_CoverEveryMappedService()
    {
        var fuzzed = Methods().Select(m => m.Service.FullName).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(GrpcHostingExtensions.ServiceNames.Order(StringComparer.Ordinal), fuzzed);
    }

    [Fact]
    public async Task AllRpcs_FuzzedRequests_AnswerOnlyAllowedCodesAndTheServiceStaysUp()
    {
        var keys = await KeysAsync();
        var generator = new FuzzCaseGenerator(new Random(Seed), factory.Clock.GetUtcNow());
        var methods = Methods();
        var cases = new List<FuzzCase>();
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var method in methods)
            {
                cases.AddRange(FuzzCaseGenerator.Kinds.Select(kind => generator.Next(method, kind)));
            }
        }

        using var wire = new GrpcWire(factory.Server.CreateHandler(), factory.Server.BaseAddress);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var counts = new ConcurrentDictionary<StatusCode, int>();
        var failures = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (fuzz, ct) =>
        {
            var (code, message) = await wire.CallAsync(fuzz.Path, fuzz.Body, keys.For(fuzz), fuzz.Encoding, ct);
            counts.AddOrUpdate(code, 1, (_, n) => n + 1);
            if (!fuzz.Allowed.Contains(code) || message.Length > 1024)
            {
                failures.Enqueue($"{fuzz}: {code} \"{message[..Math.Min(message.Length, 200)]}\" (allowed: {string.Join(", ", fuzz.Allowed)})");
            }
        });

        clock.Stop();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{cases.Count} requests to {methods.Count} RPCs in {clock.Elapsed.TotalSeconds:0.0} s (seed {Seed})");
        foreach (var (code, count) in counts.OrderBy(c => c.Key))
        {
            output?.WriteLine($"  {code}: {count}");
        }

        output?.WriteLine($"managed heap {heapBefore / 1024 / 1024} MB before, {heapAfter / 1024 / 1024} MB after; working set {Environment.WorkingSet / 1024 / 1024} MB");
        Assert.True(cases.Count >= 10_000, $"only {cases.Count} cases");
        Assert.True(failures.IsEmpty, $"{failures.Count} answers not allowed, e.g.:\n{string.Join("\n", failures.Take(20))}");
        Assert.False(counts.ContainsKey(StatusCode.Unknown) || counts.ContainsKey(StatusCode.Internal));
        Assert.InRange(heapAfter - heapBefore, long.MinValue, MaxHeapGrowth);
        await AssertServiceAnswersAsync(keys);
    }

    private async Task AssertServiceAnswersAsync(FuzzKeys keys)
    {
        var h1 = TestKeys.NewH1();
        var consentId = await _scenario.GrantAsync(keys.Partner, h1);
        var check = await _scenario.Checks(keys.Partner).CheckAsync(RegistryScenario.CheckRequest(consentId, h1), cancellationToken: Ct);
        var partners = await _scenario.Admin.ListPartnersAsync(new ListPartnersRequest(), cancellationToken: Ct);
        var auditor = new AuditService.AuditServiceClient(factory.CreateChannel(keys.Auditor));
        var verified = await auditor.VerifyAuditLogAsync(new VerifyAuditLogRequest(), cancellationToken: Ct);

        Assert.Equal(CheckOutcome.NoRecord, check.Outcome);
        Assert.NotEmpty(partners.Partners);
        Assert.True(verified.Ok, verified.Message);
    }

    private async Task<FuzzKeys> KeysAsync()
    {
        var partner = await _scenario.CreatePartnerKeyAsync(Purpose.DatingSafety, Purpose.PersonalSafety);
        var (_, auditor) = await _scenario.CreatePartnerAsync(Role.Auditor);
        return new FuzzKeys(partner, auditor, factory.AdminApiKey);
    }

    /// <summary>The keys a case is sent with: its service's role, or a wrong one.</summary>
    private sealed record FuzzKeys(string Partner, string Auditor, string Admin)
    {
        public string? For(FuzzCase fuzz)
        {
            var (right, wrong) = fuzz.Method.Service.FullName switch
            {
                "registry.v1.CheckService" or "registry.v1.ConsentService" => (Partner, Auditor),
                "registry.v1.AdminService" => (Admin, Partner),
                "registry.v1.AuditService" => (Auditor, Partner),
                var other => throw new InvalidOperationException($"{other}: say which role calls it"),
            };
            return fuzz.Caller switch
            {
                FuzzCaller.RightRole => right,
                FuzzCaller.WrongRole => wrong,
                FuzzCaller.GarbledKey => "rk_" + new string('z', 40) + ".garbled",
                _ => null,
            };
        }
    }
}
