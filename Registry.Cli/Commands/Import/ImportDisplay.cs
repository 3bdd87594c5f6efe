using Spectre.Console;

namespace Registry.Cli.Commands.Import;

/// <summary>
/// Shows an import's progress on stderr: a Spectre.Console progress bar (rows/s, share of the file's bytes, time left) on a
/// terminal; plain lines, at most one every <see cref="PlainInterval"/>, when stderr is redirected. Messages (the first
/// rejections) go through it too, so they never tear the bar. Thread-safe.
/// </summary>
internal abstract class ImportDisplay
{
    /// <summary>The least time between two plain progress lines.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Called as the import goes; cheap enough to call per row.</summary>
    public abstract void Update(ImportProgress progress);

    /// <summary>Writes a line to stderr.</summary>
    public abstract void Line(string text);

    /// <summary>Runs <paramref name="body"/> under a display suited to <paramref name="error"/>.</summary>
    public static async Task<T> RunAsync<T>(TextWriter error, ImportProgress progress, TimeProvider clock, Func<ImportDisplay, Task<T>> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        if (!ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
        {
            return await body(new Plain(error, clock));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("import", maxValue: Math.Max(1, progress.Length));
                var result = await body(new Bar(console, task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private sealed class Plain(TextWriter error, TimeProvider clock) : ImportDisplay
    {
        private readonly Lock _lock = new();
        private long _lastAt = clock.GetTimestamp();

        public override void Update(ImportProgress progress)
        {
            lock (_lock)
            {
                if (clock.GetElapsedTime(_lastAt) < PlainInterval)
                {
                    return;
                }

                _lastAt = clock.GetTimestamp();
                error.WriteLine($"import: {progress.Describe()}");
            }
        }

        public override void Line(string text)
        {
            lock (_lock)
            {
                error.WriteLine(text);
            }
        }
    }

    private sealed class Bar(IAnsiConsole console, ProgressTask task) : ImportDisplay
    {
        private readonly Lock _lock = new();

        public override void Update(ImportProgress progress)
        {
            task.Value = progress.Position;
            var rate = progress.Elapsed.TotalSeconds > 0 ? progress.Rows / progress.Elapsed.TotalSeconds : 0;
            task.Description = Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{progress.Rows,12:N0} rows  {rate,9:N0} rows/s  {progress.Rejected:N0} rejected"));
        }

        public override void Line(string text)
        {
            lock (_lock)
            {
                console.MarkupLine(Markup.Escape(text));
            }
        }
    }
}
