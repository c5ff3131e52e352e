using CryptoFunk.Markets;

namespace CryptoFunk.Benchmarks;

/// <summary>Seeded synthetic hourly candles: about 1% moves, wicks beyond open and close, and log-normal volume.</summary>
internal static class RandomWalk
{
    /// <summary><paramref name="count"/> hourly candles from <paramref name="start"/>, prices rounded to <paramref name="decimals"/> places.</summary>
    public static List<Candle> Hourly(DateTimeOffset start, int count, double startPrice, double meanVolume, int decimals, int seed)
    {
        var random = new Random(seed);
        var candles = new List<Candle>(count);
        var price = startPrice;
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = open * Math.Exp(0.01 * Gaussian(random));
            var high = Math.Max(open, close) * (1 + (0.004 * Math.Abs(Gaussian(random))));
            var low = Math.Min(open, close) * (1 - (0.004 * Math.Abs(Gaussian(random))));
            var volume = meanVolume * Math.Exp(0.5 * Gaussian(random));
            candles.Add(new Candle(
                start.AddHours(i), Round(open, decimals), Round(high, decimals), Round(low, decimals), Round(close, decimals), Math.Round((decimal)volume, 6)));
            price = close;
        }

        return candles;
    }

    private static decimal Round(double price, int decimals) => Math.Round((decimal)price, decimals);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
