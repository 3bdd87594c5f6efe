using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Registry.Service.Infrastructure;

namespace Registry.Service.Tests.Infrastructure;

/// <summary>
/// Counts the requests for a <see cref="RegistryDbContext"/> (from the context factory, or the scoped context)
/// made while serving each HTTP path; work outside a request (the audit writer, the sequencer) is not counted.
/// Apply with <see cref="RegistryAppFactory.ConfigureTestServices"/> = <c>counter.Register</c>.
/// </summary>
public sealed class DbContextCounter
{
    private readonly ConcurrentDictionary<string, int> _byPath = new(StringComparer.Ordinal);

    /// <summary>How many contexts were asked for while serving <paramref name="path"/>, e.g. <c>/registry.v1.AuditService/GetPublicKey</c>.</summary>
    public int For(string path) => _byPath.GetValueOrDefault(path);

    public void Reset() => _byPath.Clear();

    public void Register(IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        Decorate(services, typeof(IDbContextFactory<RegistryDbContext>),
            (sp, inner) => new CountingFactory((IDbContextFactory<RegistryDbContext>)inner, () => Count(sp)));
        Decorate(services, typeof(RegistryDbContext), (sp, inner) =>
        {
            Count(sp);
            return inner;
        });
    }

    private void Count(IServiceProvider services)
    {
        if (services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request.Path.Value is { } path)
        {
            _byPath.AddOrUpdate(path, 1, (_, n) => n + 1);
        }
    }

    private static void Decorate(IServiceCollection services, Type serviceType, Func<IServiceProvider, object, object> decorate)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var original = services[i];
            if (original.ServiceType != serviceType || original.IsKeyedService)
            {
                continue;
            }

            services[i] = new ServiceDescriptor(serviceType, sp => decorate(sp, Create(original, sp)), original.Lifetime);
        }
    }

    private static object Create(ServiceDescriptor original, IServiceProvider services) =>
        original.ImplementationInstance
        ?? original.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!);

    private sealed class CountingFactory(IDbContextFactory<RegistryDbContext> inner, Action count) : IDbContextFactory<RegistryDbContext>
    {
        public RegistryDbContext CreateDbContext()
        {
            count();
            return inner.CreateDbContext();
        }
    }
}
