using System.Globalization;

namespace Registry.Cli.Commands.Import;

/// <summary>How far an import has got; read by the progress display while the import runs.</summary>
internal sealed class ImportProgress(long length, TimeProvider clock)
{
    private readonly long _startedAt = clock.GetTimestamp();
    private long _rows;
    private long _position;
    private long _rejected;

    /// <summary>Gets the size of the file in bytes.</summary>
    public long Length => length;

    /// <summary>Gets the rows read so far.</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Gets the bytes read so far.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>Gets the rows rejected so far.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Gets the time since the import started.</summary>
    public TimeSpan Elapsed => clock.GetElapsedTime(_startedAt);

    public void RowRead(long position)
    {
        Interlocked.Increment(ref _rows);
        Interlocked.Exchange(ref _position, position);
    }

    public void RowsRejected(long count) => Interlocked.Add(ref _rejected, count);

    /// <summary>A one-line description: rows, rate, share of the file and the estimated time left.</summary>
    public string Describe()
    {
        var elapsed = Elapsed.TotalSeconds;
        var rate = elapsed > 0 ? Rows / elapsed : 0;
        var share = length > 0 ? (double)Position / length : 1;
        var text = string.Create(CultureInfo.InvariantCulture, $"{Rows:N0} rows, {rate:N0} rows/s, {share * 100:F0}% of the file, {Rejected:N0} rejected");
        if (share is > 0 and < 1 && elapsed > 0)
        {
            var left = TimeSpan.FromSeconds(Math.Round(elapsed * (1 - share) / share));
            text += string.Create(CultureInfo.InvariantCulture, $", about {left:c} left");
        }

        return text;
    }
}
