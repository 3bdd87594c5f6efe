using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Registry.Service.Infrastructure;

namespace Registry.Service.Partners;

/// <summary>
/// On first start with an empty database, creates one admin partner and key and prints the key once
/// (spec §7) — on stdout, never through logging — and, when configured, writes it to an owner-only file.
/// </summary>
public sealed partial class AdminBootstrapper(
    IServiceScopeFactory scopeFactory,
    IOptions<BootstrapOptions> options,
    ILogger<AdminBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        if (await db.Partners.AnyAsync(cancellationToken))
        {
            return;
        }

        var administration = scope.ServiceProvider.GetRequiredService<PartnerAdministration>();
        (Partner Partner, IssuedKey Key, string AuditEntryId) created;
        try
        {
            created = await administration.CreateAsync(null, new CreatePartnerCommand(options.Value.AdminName, PartnerRole.Admin, []), cancellationToken);
        }
        catch (RegistryException ex) when (ex.Reason == "PARTNER_EXISTS")
        {
            return; // another replica bootstrapped first
        }

        if (!string.IsNullOrWhiteSpace(options.Value.AdminKeyFile))
        {
            var path = Path.GetFullPath(options.Value.AdminKeyFile);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            SecretFile.WriteNew(path, created.Key.ApiKey + "\n");
            LogBootstrapKeyFile(logger, created.Partner.Id, created.Key.KeyId, path);
        }

        await Console.Out.WriteLineAsync(
            $"""

            The database was empty: an admin partner ({created.Partner.Id}) was created with this API key, shown only once:

                {created.Key.ApiKey}

            Store it now, e.g. export REGISTRY_API_KEY=<the key>. Issue more keys with `registry keys issue`.

            """);
        LogBootstrapped(logger, created.Partner.Id, created.Key.KeyId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1201, EventName = nameof(LogBootstrapped), Level = LogLevel.Warning,
        Message = "Empty database: created admin partner {PartnerId} with key {KeyId}; its secret was printed once on stdout")]
    private static partial void LogBootstrapped(ILogger logger, string partnerId, string keyId);

    [LoggerMessage(EventId = 1202, EventName = nameof(LogBootstrapKeyFile), Level = LogLevel.Information,
        Message = "The admin key of partner {PartnerId} ({KeyId}) was written to {Path} (owner-only)")]
    private static partial void LogBootstrapKeyFile(ILogger logger, string partnerId, string keyId, string path);
}
