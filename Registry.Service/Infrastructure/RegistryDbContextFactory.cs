using Microsoft.EntityFrameworkCore;

namespace Registry.Service.Infrastructure;

/// <summary>Exposes the provider-specific context factory as a factory of <see cref="RegistryDbContext"/>.</summary>
public sealed class RegistryDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<RegistryDbContext>
    where TContext : RegistryDbContext
{
    public RegistryDbContext CreateDbContext() => inner.CreateDbContext();
}
