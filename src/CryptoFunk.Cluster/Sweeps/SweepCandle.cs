using CryptoFunk.Markets;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>A candle as a sweep order carries it to a silo (Orleans serializes it; the markets' own type knows nothing of Orleans).</summary>
[GenerateSerializer, Immutable]
public readonly record struct SweepCandle(
    [property: Id(0)] DateTimeOffset OpenTime,
    [property: Id(1)] decimal Open,
    [property: Id(2)] decimal High,
    [property: Id(3)] decimal Low,
    [property: Id(4)] decimal Close,
    [property: Id(5)] decimal Volume)
{
    /// <summary>The carried form of <paramref name="candle"/>.</summary>
    public static SweepCandle From(Candle candle) => new(candle.OpenTime, candle.Open, candle.High, candle.Low, candle.Close, candle.Volume);

    /// <summary>The candle again.</summary>
    public Candle ToCandle() => new(OpenTime, Open, High, Low, Close, Volume);
}
