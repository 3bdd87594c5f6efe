using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Registry.Protos.V1;
using Registry.Service.Audit;
using Registry.Service.Consent;
using Registry.Service.Infrastructure;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Audit;

/// <summary>
/// The group-commit writer's straight path (prepared consent use and insert, no savepoints) and its fallback:
/// one caller's failing change must not deny the other callers of its batch.
/// </summary>
public sealed class AuditWriterTests(RegistryAppFactory factory) : IClassFixture<RegistryAppFactory>
{
    private readonly RegistryScenario _scenario = new(factory);
    private readonly AuditTestLog _log = new(factory);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stop_WhileTheWriterIsIdle_EndsItWithinTheDeadlineAndLaterEntriesAreRefused()
    {
        using var own = new RegistryAppFactory();
        await new RegistryScenario(own).CreatePartnerKeyAsync(); // the writer has committed and waits for more
        var log = own.Services.GetRequiredService<GroupCommitAuditLog>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        // An idle writer waits to be woken: stopping must wake it to see the queue closed (else this times out).
        await log.StopAsync(deadline.Token);

        var record = new AuditRecord { Action = AuditActions.AuditResume, Actor = null, Outcome = AuditOutcomes.Ok, Detail = "after stop" };
        var refused = await Assert.ThrowsAsync<RegistryException>(() => log.AppendAsync(record, null, Ct));
        Assert.Equal(RegistryErrors.AuditUnavailableReason, refused.Reason);
    }

    [Fact]
    public async Task ConcurrentChecks_OneConsentUseFails_OnlyThatCheckFailsAndTheOthersAreCountedAndRecorded()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var subjects = Enumerable.Range(0, 16).Select(_ => TestKeys.NewH1()).ToArray();
        var consents = new string[subjects.Length];
        for (var i = 0; i < subjects.Length; i++)
        {
            consents[i] = await _scenario.GrantAsync(key, subjects[i]);
        }

        var failing = consents[7];
        await _log.ExecuteAsync($"CREATE TRIGGER fail_one_use BEFORE UPDATE OF Uses ON consents WHEN OLD.Id = '{failing}' BEGIN SELECT RAISE(ABORT, 'injected'); END");
        Task<CheckResponse>[] checks;
        try
        {
            var client = _scenario.Checks(key);
            checks = consents.Select((c, i) => client.CheckAsync(RegistryScenario.CheckRequest(c, subjects[i]), cancellationToken: Ct).ResponseAsync).ToArray();
            try
            {
                await Task.WhenAll(checks);
            }
            catch (RpcException)
            {
                // The one expected failure; every task is inspected below.
            }
        }
        finally
        {
            await _log.ExecuteAsync("DROP TRIGGER fail_one_use");
        }

        for (var i = 0; i < consents.Length; i++)
        {
            if (consents[i] == failing)
            {
                var ex = await Assert.ThrowsAsync<RpcException>(() => checks[i]);
                Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
                Assert.Equal("AUDIT_UNAVAILABLE", RpcAssert.Reason(ex));
                Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{failing}'"));
                Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT COUNT(*) FROM audit_entries WHERE ConsentId = '{failing}' AND Action = 'check'"));
            }
            else
            {
                var response = await checks[i];
                Assert.Equal(CheckOutcome.NoRecord, response.Outcome);
                Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consents[i]}'"));
                Assert.Equal(1L, await _log.ScalarAsync<long>(
                    $"SELECT COUNT(*) FROM audit_entries WHERE ConsentId = '{consents[i]}' AND Action = 'check' AND Outcome = 'no_record' AND Id = '{response.AuditEntryId}'"));
            }
        }
    }

    [Fact]
    public async Task ConsentUseCommand_CountsAUseOnlyWhileTheConsentIsUsable_AndSaysWhyNot()
    {
        var key = await _scenario.CreatePartnerKeyAsync();
        var consentId = await _scenario.GrantAsync(key, TestKeys.NewH1(), maxUses: 1);
        var expiresAt = await _log.ScalarAsync<DateTime>($"SELECT ExpiresAt FROM consents WHERE Id = '{consentId}'");
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync(Ct);
        using var sut = new ConsentUseCommand(connection);

        var usesAfter = -1;
        string? Apply(string id, DateTime at, string? requestId = null)
        {
            using var transaction = connection.BeginTransaction();
            (var refusal, usesAfter) = sut.Apply(
                new ConsentUse(id, requestId ?? "r-" + Guid.NewGuid().ToString("N"), at, new byte[32], "e-" + Guid.NewGuid().ToString("N")[..20]), transaction);
            transaction.Commit();
            return refusal;
        }

        Assert.Equal("CONSENT_EXPIRED", Apply(consentId, expiresAt));
        Assert.Equal(0L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        Assert.Null(Apply(consentId, now, "r-first"));
        Assert.Equal(1, usesAfter);
        Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        await _log.ExecuteAsync($"UPDATE consents SET MaxUses = 2 WHERE Id = '{consentId}'");
        Assert.Equal(IPreparedChange.Withdrawn, Apply(consentId, now, "r-first")); // the last use's own request: a retry, not a use
        Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        await _log.ExecuteAsync($"UPDATE consents SET MaxUses = 1 WHERE Id = '{consentId}'");
        Assert.Equal(IPreparedChange.Withdrawn, Apply(consentId, now, "r-first")); // even when that use was the last
        Assert.StartsWith("r-", await _log.ScalarAsync<string>($"SELECT LastRequestId FROM consents WHERE Id = '{consentId}'"), StringComparison.Ordinal);
        Assert.StartsWith("e-", await _log.ScalarAsync<string>($"SELECT LastAuditEntryId FROM consents WHERE Id = '{consentId}'"), StringComparison.Ordinal);
        Assert.Equal(32L, await _log.ScalarAsync<long>($"SELECT length(LastAnswerDigest) FROM consents WHERE Id = '{consentId}'"));
        Assert.Equal("CONSENT_USED_UP", Apply(consentId, now));
        Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        await _log.ExecuteAsync($"UPDATE consents SET MaxUses = 5, RevokedAt = ExpiresAt WHERE Id = '{consentId}'");
        Assert.Equal("CONSENT_REVOKED", Apply(consentId, now));
        Assert.Equal(1L, await _log.ScalarAsync<long>($"SELECT Uses FROM consents WHERE Id = '{consentId}'"));
        Assert.Equal("CONSENT_NOT_FOUND", Apply("c_doesnotexist", now));
    }
}
