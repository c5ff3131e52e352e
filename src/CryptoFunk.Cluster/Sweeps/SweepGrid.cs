using System.Collections.Immutable;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>The combinations of a sweep: every value of every varied key with every value of the others.</summary>
public static class SweepGrid
{
    /// <summary>
    /// Every combination of <paramref name="axes"/>' values, in the order given: the first key varies slowest, so
    /// <c>A=1,2 B=x,y</c> gives <c>(1,x) (1,y) (2,x) (2,y)</c>.
    /// </summary>
    public static IReadOnlyList<ImmutableArray<SweepSetting>> Combinations(IReadOnlyList<(string Key, IReadOnlyList<string> Values)> axes)
    {
        IEnumerable<ImmutableArray<SweepSetting>> combinations = [ImmutableArray<SweepSetting>.Empty];
        foreach (var (key, values) in axes)
        {
            combinations = combinations.SelectMany(settings => values.Select(value => settings.Add(new SweepSetting(key, value))));
        }

        return [.. combinations];
    }
}
