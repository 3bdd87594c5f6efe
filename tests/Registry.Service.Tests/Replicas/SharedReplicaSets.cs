using Registry.Service.Tests.Audit;
using Registry.Service.Tests.Infrastructure;

namespace Registry.Service.Tests.Replicas;

/// <summary>
/// Three replicas per provider shared by the cases of one test class (each case uses partners, consents and records of
/// its own, so they do not interfere), started together on first use and killed when the class ends: a start costs
/// seconds to tens of seconds on this machine, so one per class keeps CI short.
/// </summary>
public sealed class SharedReplicaSets(PostgresServer postgres) : IAsyncDisposable
{
    public const int Count = 3;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<ReplicaProvider, Task<Started>> _sets = [];

    /// <summary>The started set for <paramref name="provider"/>; skips (or fails) the calling test as <see cref="PostgresServer"/> does.</summary>
    public async Task<Started> GetAsync(ReplicaProvider provider)
    {
        Task<Started> set;
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_sets.TryGetValue(provider, out set!))
            {
                set = StartAsync(provider);
                _sets[provider] = set;
            }
        }
        finally
        {
            _gate.Release();
        }

        return await set;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var set in _sets.Values)
        {
            if (set.IsCompletedSuccessfully)
            {
                await set.Result.Replicas.DisposeAsync();
            }
        }

        _gate.Dispose();
    }

    private async Task<Started> StartAsync(ReplicaProvider provider)
    {
        var replicas = await ReplicaSet.CreateAsync(provider, postgres, TestContext.Current.CancellationToken);
        try
        {
            var processes = await replicas.StartAsync(Count);
            return new Started(replicas, processes, await replicas.AdminKeyAsync());
        }
        catch
        {
            await replicas.DisposeAsync();
            throw;
        }
    }

    /// <summary>A started set: its replicas in start order and the first admin key.</summary>
    public sealed record Started(ReplicaSet Replicas, IReadOnlyList<ServiceProcess> Processes, string AdminKey);
}
