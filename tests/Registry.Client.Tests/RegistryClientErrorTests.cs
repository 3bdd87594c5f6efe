using Grpc.Core;
using Registry.Client.Admin;
using Registry.Client.Tests.Infrastructure;

namespace Registry.Client.Tests;

public sealed class RegistryClientErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StatusCode.NotFound, typeof(RegistryNotFoundException))]
    [InlineData(StatusCode.InvalidArgument, typeof(RegistryValidationException))]
    [InlineData(StatusCode.AlreadyExists, typeof(RegistryConflictException))]
    [InlineData(StatusCode.FailedPrecondition, typeof(RegistryConflictException))]
    [InlineData(StatusCode.Aborted, typeof(RegistryConflictException))]
    [InlineData(StatusCode.Unauthenticated, typeof(RegistryAuthException))]
    [InlineData(StatusCode.PermissionDenied, typeof(RegistryAuthException))]
    [InlineData(StatusCode.Internal, typeof(RegistryRequestException))]
    [InlineData(StatusCode.Unknown, typeof(RegistryRequestException))]
    public async Task RevokeApiKey_ServerError_ConvertsToTypedException(StatusCode code, Type expected)
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnRevokeApiKey = (_, _) => throw RpcErrors.Exception(code, "SOME_REASON");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAnyAsync<RegistryRequestException>(() => sut.RevokeApiKeyAsync("k1", Ct));

        Assert.IsType(expected, ex);
        Assert.Equal(code, ex.StatusCode);
        Assert.Equal("SOME_REASON", ex.ErrorCode);
        Assert.IsType<RpcException>(ex.InnerException);
    }

    [Fact]
    public async Task CreatePartner_InvalidArgumentWithViolations_CarriesFieldViolations()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnCreatePartner = (_, _) => throw RpcErrors.Exception(
            StatusCode.InvalidArgument, "INVALID_REQUEST", violations: [("name", "must not be empty"), ("allowed_purposes", "required")]);
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryValidationException>(() => sut.CreatePartnerAsync("", Role.Partner, null, Ct));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["name", "allowed_purposes"], ex.FieldViolations.Select(v => v.Field));
        Assert.Equal("must not be empty", ex.FieldViolations[0].Description);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact]
    public async Task ListPartners_PlainStatusWithoutDetails_HasNoErrorCode()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnListPartners = (_, _) => throw new RpcException(new Status(StatusCode.PermissionDenied, "role"));
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryAuthException>(() => sut.ListPartnersAsync(Ct));

        Assert.Null(ex.ErrorCode);
        Assert.Empty(ex.FieldViolations);
        Assert.Null(ex.RetryAfter);
    }

    [Fact]
    public async Task IssueApiKey_UnauthenticatedRefusal_MessageNeverContainsTheApiKey()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnIssueApiKey = (_, _) => throw RpcErrors.Exception(StatusCode.Unauthenticated, "API_KEY_INVALID");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryAuthException>(() => sut.IssueApiKeyAsync("p1", Ct));

        var secret = RegistryTestHost.ApiKey.Split('_')[2];
        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("API_KEY_INVALID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorrectRecord_ResourceExhaustedWithoutRetryInfo_IsNotRetriedAndHasNoRetryAfter()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnCorrectRecord = (_, _) => throw RpcErrors.Exception(StatusCode.ResourceExhausted, "QUOTA_EXCEEDED");
        var sut = host.CreateClient();

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.CorrectRecordAsync("s", "c", "why", cancellationToken: Ct));

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Null(ex.RetryAfter);
        Assert.Single(host.Recorder.Calls);
    }

    [Fact]
    public async Task ExpungeRecord_RetryInfoOnFinalFailure_IsExposedAsRetryAfter()
    {
        await using var host = await RegistryTestHost.StartAsync(Ct);
        host.Admin.OnExpungeRecord = (_, _) =>
            throw RpcErrors.Exception(StatusCode.ResourceExhausted, "QUOTA_EXCEEDED", retryDelay: TimeSpan.FromSeconds(7));
        var sut = host.CreateClient(o => o.MaxRetries = 0);

        var ex = await Assert.ThrowsAsync<RegistryRequestException>(() => sut.ExpungeRecordAsync("s", "c", "why", Ct));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Equal("QUOTA_EXCEEDED", ex.ErrorCode);
    }
}
