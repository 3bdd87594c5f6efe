using System.IO.Pipelines;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Checks;
using Registry.Service.Infrastructure;
using Registry.Service.Tests.Fuzz;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// The request limits are deliberate and complete (issue 10, hostile input): every string and bytes field of every
/// request has a bound, every RPC its message size and count, out-of-range well-known types are INVALID_ARGUMENT with no
/// exception text, and a stream past its message count is RESOURCE_EXHAUSTED.
/// </summary>
public sealed class RequestLimitsTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void RequestFieldBounds_EveryStringAndBytesFieldOfEveryRequest_HasABound()
    {
        var fields = RequestFuzzTests.Methods().SelectMany(m => StringAndBytesFields(m.InputType, [])).Distinct().ToList();

        Assert.All(fields, f => Assert.True(RequestFieldBounds.For(f) is > 0, $"{f.FullName} has no bound in RequestFieldBounds"));
        Assert.Equal(RequestFieldBounds.Fields.Order(StringComparer.Ordinal), fields.Select(f => f.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RpcLimits_EveryRpc_HasItsOwnEntry()
    {
        var rpcs = RequestFuzzTests.Methods().Select(m => $"/{m.Service.FullName}/{m.Name}");

        Assert.Equal(rpcs.Order(StringComparer.Ordinal), RpcLimits.Methods.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ServiceMethodProviders_AreOnlyTheValidatingBinder()
    {
        var providers = factory.Services.GetServices<IServiceMethodProvider<CheckGrpcService>>().Select(p => p.GetType().Name).ToList();

        Assert.Contains(providers, p => p.StartsWith("ValidatingServiceMethodProvider", StringComparison.Ordinal));
        Assert.DoesNotContain(providers, p => p.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal));
    }

    public static TheoryData<string, Duration?, Timestamp?> OutOfRange => new()
    {
        { "valid_for", new Duration { Seconds = 315_576_000_001 }, null },
        { "valid_for", new Duration { Seconds = 3600, Nanos = -5 }, null },
        { "evidence.captured_at", null, new Timestamp { Seconds = 253_402_300_800 } },
        { "evidence.captured_at", null, new Timestamp { Seconds = 1_790_000_000, Nanos = 1_000_000_000 } },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public async Task GrantConsent_AnOutOfRangeDurationOrTimestamp_IsInvalidArgumentWithoutExceptionText(string field, Duration? validFor, Timestamp? capturedAt)
    {
        var consents = _scenario.Consents(await _scenario.CreatePartnerKeyAsync());
        var request = _scenario.GrantRequest(TestKeys.NewH1());
        request.ValidFor = validFor;
        request.Evidence.CapturedAt = capturedAt ?? request.Evidence.CapturedAt;

        var ex = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            async () => await consents.GrantConsentAsync(request, cancellationToken: Ct));

        Assert.Equal(field, Assert.Single(RpcAssert.BadRequest(ex)!.FieldViolations).Field);
        Assert.DoesNotContain("Exception", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrameReader_AStreamPastItsMessageCount_IsResourceExhausted()
    {
        var pipe = new Pipe();
        var sut = new GrpcFrameReader(pipe.Reader, new RpcLimit(100, 3), "/test/Stream", MethodType.DuplexStreaming, encoding: null);
        for (var i = 0; i < 4; i++)
        {
            await pipe.Writer.WriteAsync(GrpcWire.Frame([0x08, 0x01]), Ct);
        }

        await pipe.Writer.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (true)
            {
                var result = await sut.ReadAsync(Ct);
                sut.AdvanceTo(result.Buffer.GetPosition(Math.Min(7, result.Buffer.Length)));
                if (result.IsCompleted && result.Buffer.Length <= 7)
                {
                    return;
                }
            }
        });

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task FrameReader_AsManyMessagesAsTheLimit_ReadsToTheEnd()
    {
        var pipe = new Pipe();
        var sut = new GrpcFrameReader(pipe.Reader, new RpcLimit(100, 3), "/test/Stream", MethodType.DuplexStreaming, encoding: null);
        for (var i = 0; i < 3; i++)
        {
            await pipe.Writer.WriteAsync(GrpcWire.Frame([0x08, 0x01]), Ct);
        }

        await pipe.Writer.CompleteAsync();
        long read = 0;
        while (true)
        {
            var result = await sut.ReadAsync(Ct);
            read += result.Buffer.Length;
            sut.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                break;
            }
        }

        Assert.Equal(3 * 7, read);
    }

    private static IEnumerable<FieldDescriptor> StringAndBytesFields(MessageDescriptor message, HashSet<string> seen)
    {
        if (message.File.Package != "registry.v1" || !seen.Add(message.FullName))
        {
            yield break;
        }

        foreach (var field in message.Fields.InFieldNumberOrder())
        {
            if (field.FieldType is FieldType.String or FieldType.Bytes)
            {
                yield return field;
            }
            else if (field.FieldType == FieldType.Message)
            {
                foreach (var nested in StringAndBytesFields(field.MessageType, seen))
                {
                    yield return nested;
                }
            }
        }
    }
}
