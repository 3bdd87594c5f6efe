using System.Data.Common;

namespace Registry.Service.Infrastructure;

/// <summary>
/// The prepared commands of one long-lived connection, each created on first use and kept as long as the
/// connection: a hot path binds new values and runs them again instead of parsing and planning SQL per call.
/// Not thread-safe: a connection and its commands are used by one caller at a time.
/// </summary>
public sealed class PreparedCommands(DbConnection connection) : IDisposable
{
    private readonly Dictionary<Type, IDisposable> _commands = [];

    public DbConnection Connection { get; } = connection;

    /// <summary>The command object of type <typeparamref name="T"/> on this connection, created by <paramref name="create"/> the first time.</summary>
    public T Get<T>(Func<DbConnection, T> create)
        where T : class, IDisposable
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!_commands.TryGetValue(typeof(T), out var command))
        {
            command = create(Connection);
            _commands[typeof(T)] = command;
        }

        return (T)command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
