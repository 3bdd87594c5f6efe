namespace Registry.Bench.Seed;

/// <summary>Picks items with probability proportional to their weights (cumulative weights, binary search).</summary>
public sealed class WeightedChoice<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedChoice(IEnumerable<(T Item, double Weight)> weighted)
    {
        ArgumentNullException.ThrowIfNull(weighted);
        var list = weighted.ToArray();
        _items = list.Select(w => w.Item).ToArray();
        _cumulative = new double[list.Length];
        var sum = 0.0;
        for (var i = 0; i < list.Length; i++)
        {
            sum += list[i].Weight;
            _cumulative[i] = sum;
        }

        for (var i = 0; i < list.Length; i++)
        {
            _cumulative[i] /= sum;
        }
    }

    public T Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return _items[Math.Min(index < 0 ? ~index : index, _items.Length - 1)];
    }
}
