namespace Registry.Service.Tests.Infrastructure;

/// <summary>Finds the exception a start failure wraps (a host start wraps its options' failure in one or more layers).</summary>
internal static class ExceptionChain
{
    public static T? Find<T>(Exception? ex)
        where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found)
            {
                return found;
            }

            if (ex is AggregateException aggregate && aggregate.InnerExceptions.Select(Find<T>).FirstOrDefault(e => e is not null) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }
}
