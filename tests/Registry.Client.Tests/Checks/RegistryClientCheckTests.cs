using Grpc.Core;
using Registry.Client.Checks;
using Registry.Client.Consents;
using Registry.Client.Identity;
using Registry.Client.Tests.Infrastructure;
using P = Registry.Protos.V1;

namespace Registry.Client.Tests.Checks;

public sealed class RegistryClientCheckTests
{
    private static readonly SubjectIdentity Subject = SubjectIdentity.FromIin("900521389141");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_Arguments_AreSentAsProtoFields()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        await sut.CheckAsync(Subject, "c-1", Purpose.PersonalSafety, "req-1", Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.CheckRequest>());
        Assert.Equal(Subject.H1.ToArray(), sent.H1.ToByteArray());
        Assert.Equal("c-1", sent.ConsentId);
        Assert.Equal(P.Purpose.PersonalSafety, sent.Purpose);
        Assert.Equal("req-1", sent.RequestId);
    }

    [Fact]
    public async Task Check_SummaryResponse_MapsEveryField()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => Task.FromResult(new P.CheckResponse
        {
            Outcome = P.CheckOutcome.RecordFound,
            AuditEntryId = "a-1",
            ConsentUsesRemaining = 2,
            Summary = new P.CheckSummary
            {
                ProtectiveOrderInForce = true,
                Categories =
                {
                    new P.CategorySummary
                    {
                        Category = P.RecordCategory.CriminalConviction, Count = 3,
                        LatestDecisionDate = new Google.Type.Date { Year = 2024, Month = 2, Day = 29 },
                    },
                    new P.CategorySummary { Category = P.RecordCategory.ProtectiveOrder, Count = 1 },
                },
            },
        });
        var sut = host.CreateClient();

        var result = await sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-1", Ct);

        Assert.Equal(CheckOutcome.RecordFound, result.Outcome);
        Assert.Equal("a-1", result.AuditEntryId);
        Assert.Equal(2, result.ConsentUsesRemaining);
        Assert.Equal("req-1", result.RequestId);
        Assert.NotNull(result.Summary);
        Assert.True(result.Summary.IsProtectiveOrderInForce);
        Assert.Equal(2, result.Summary.Categories.Count);
        Assert.Equal(RecordCategory.CriminalConviction, result.Summary.Categories[0].Category);
        Assert.Equal(3, result.Summary.Categories[0].Count);
        Assert.Equal(new DateOnly(2024, 2, 29), result.Summary.Categories[0].LatestDecisionDate);
        Assert.Null(result.Summary.Categories[1].LatestDecisionDate);
    }

    [Fact]
    public async Task Check_FiftyConcurrentCallsOnOneClient_AllAnsweredWithDistinctRequestIds()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (request, _) => Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord, AuditEntryId = request.RequestId });
        var sut = host.CreateClient();

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, cancellationToken: Ct)));

        Assert.All(results, r => Assert.Equal(r.RequestId, r.AuditEntryId));
        Assert.Equal(50, results.Select(r => r.RequestId).Distinct().Count());
        Assert.Equal(50, host.Recorder.Calls.Count);
    }

    [Fact]
    public async Task Check_PresenceResponse_HasNoSummary()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => Task.FromResult(new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord });
        var sut = host.CreateClient();

        var result = await sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, cancellationToken: Ct);

        Assert.Equal(CheckOutcome.NoRecord, result.Outcome);
        Assert.Null(result.Summary);
        Assert.Equal(32, result.RequestId.Length);
    }

    [Fact]
    public async Task Check_ConsentExpired_ThrowsAuthExceptionWithReasonAndIsNotRetried()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(StatusCode.PermissionDenied, "CONSENT_EXPIRED");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryAuthException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-1", Ct));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("CONSENT_EXPIRED", ex.ErrorCode);
        Assert.Equal("req-1", ex.RequestId);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact]
    public async Task Check_RefusalWithErrorInfoMetadata_ExposesTheRefusalsAuditEntryId()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var status = RpcErrors.Status(StatusCode.PermissionDenied, "CONSENT_REVOKED");
        var info = status.GetDetail<Google.Rpc.ErrorInfo>();
        info.Metadata["audit_entry_id"] = "a-refused";
        status.Details.Clear();
        status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(info));
        host.Checks.OnCheck = (_, _) => throw status.ToRpcException();
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryAuthException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, "req-1", Ct));

        Assert.Equal("a-refused", ex.AuditEntryId);
        Assert.Equal("a-refused", ex.ErrorMetadata["audit_entry_id"]);
    }

    [Fact]
    public async Task Check_InvalidArgument_ThrowsValidationWithViolationsAndIsNotRetried()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheck = (_, _) => throw RpcErrors.Exception(StatusCode.InvalidArgument, "INVALID_REQUEST", violations: [("h1", "must be 32 bytes")]);
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryValidationException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, null, Ct));

        Assert.Equal("h1", Assert.Single(ex.FieldViolations).Field);
        Assert.Single(host.Recorder.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this-request-id-is-far-too-long-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789")]
    public async Task Check_InvalidRequestId_ThrowsBeforeSending(string requestId)
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => sut.CheckAsync(Subject, "c-1", Purpose.DatingSafety, requestId, Ct));

        Assert.Equal("requestId", ex.ParamName);
        Assert.Empty(host.Recorder.Calls);
    }

    [Fact]
    public async Task CheckBatch_MixedResults_MapsAnswersAndRefusalsPerItem()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Checks.OnCheckBatch = (_, _) => Task.FromResult(new P.CheckBatchResponse
        {
            Results =
            {
                new P.CheckBatchItemResult { Index = 0, Response = new P.CheckResponse { Outcome = P.CheckOutcome.NoRecord, AuditEntryId = "a-0" } },
                new P.CheckBatchItemResult { Index = 1, Error = RpcErrors.Status(StatusCode.PermissionDenied, "CONSENT_USED_UP") },
            },
        });
        var sut = host.CreateClient();
        var other = SubjectIdentity.FromNameAndBirthDate("Иванов Иван", new DateOnly(1990, 5, 21));

        var results = await sut.CheckBatchAsync(
            [new CheckItem(Subject, "c-0", Purpose.DatingSafety, "r-0"), new CheckItem(other, "c-1", Purpose.PersonalSafety)], Ct);

        var sent = Assert.Single(host.Recorder.RequestsOf<P.CheckBatchRequest>());
        Assert.Equal(["c-0", "c-1"], sent.Items.Select(i => i.ConsentId));
        Assert.Equal(other.H1.ToArray(), sent.Items[1].H1.ToByteArray());
        Assert.Equal(P.Purpose.PersonalSafety, sent.Items[1].Purpose);
        Assert.Equal("r-0", sent.Items[0].RequestId);
        Assert.Equal(32, sent.Items[1].RequestId.Length);
        Assert.True(results[0].IsSuccess);
        Assert.Equal("a-0", results[0].Result!.AuditEntryId);
        Assert.Equal("r-0", results[0].Result!.RequestId);
        Assert.False(results[1].IsSuccess);
        var error = Assert.IsType<RegistryAuthException>(results[1].Error);
        Assert.Equal("CONSENT_USED_UP", error.ErrorCode);
        Assert.Equal(sent.Items[1].RequestId, error.RequestId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task CheckBatch_WrongItemCount_ThrowsBeforeSending(int count)
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        var sut = host.CreateClient();
        var items = Enumerable.Range(0, count).Select(i => new CheckItem(Subject, "c", Purpose.DatingSafety));

        await Assert.ThrowsAsync<ArgumentException>(() => sut.CheckBatchAsync(items, Ct));

        Assert.Empty(host.Recorder.Calls);
    }
}
