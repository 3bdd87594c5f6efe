using Microsoft.EntityFrameworkCore;

namespace Registry.Service.Infrastructure;

/// <summary>
/// One open read connection and its prepared commands, rented from <see cref="ReadSessionPool"/> for the
/// length of one call. The context only carries the provider's configured connection (and, on SQLite, the
/// pragmas its interceptor applies); no query goes through EF.
/// </summary>
public sealed class ReadSession : IDisposable
{
    private readonly RegistryDbContext _db;

    private ReadSession(RegistryDbContext db)
    {
        _db = db;
        Commands = new PreparedCommands(db.Database.GetDbConnection());
    }

    public PreparedCommands Commands { get; }

    public static async Task<ReadSession> OpenAsync(IDbContextFactory<RegistryDbContext> contextFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            return new ReadSession(db);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        Commands.Dispose();
        _db.Database.CloseConnection();
        _db.Dispose();
    }
}
