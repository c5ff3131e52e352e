using System.Globalization;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;

namespace CryptoFunk.Benchmarks.Indicators;

/// <summary>
/// Candle series for the indicator benchmarks: Skender's 502 daily quotes, the 45,024 hourly BTC/USDT candles
/// (both from <c>../shared</c> beside the repository), and 1,000,000 candles of a seeded random walk.
/// </summary>
internal static class BenchmarkCandles
{
    public const int Skender = 502;
    public const int BtcHourly = 45_024;
    public const int RandomWalk = 1_000_000;

    public static QuoteColumns Load(int count) => count switch
    {
        Skender => Read("reference/skender/quotes-default.csv"),
        BtcHourly => Read("data/candles/binance-spot-2017-2022/BTC_USDT-1h.csv"),
        RandomWalk => Walk(RandomWalk, seed: 42),
        _ => throw new ArgumentOutOfRangeException(nameof(count), count, "no candle series of that length"),
    };

    private static QuoteColumns Read(string sharedPath)
    {
        var path = Path.Combine(SharedFolder(), sharedPath);
        var candles = File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            return new Candle(
                DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                decimal.Parse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture));
        }).ToList();
        return CandleQuotes.ToColumns(candles);
    }

    // Hourly bars with about 1% moves, wicks beyond open and close, and log-normal volume.
    private static QuoteColumns Walk(int count, int seed)
    {
        var random = new Random(seed);
        var candles = new List<Candle>(count);
        var time = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var price = 30_000d;
        for (var i = 0; i < count; i++)
        {
            var open = price;
            var close = open * Math.Exp(0.01 * Gaussian(random));
            var high = Math.Max(open, close) * (1 + (0.004 * Math.Abs(Gaussian(random))));
            var low = Math.Min(open, close) * (1 - (0.004 * Math.Abs(Gaussian(random))));
            var volume = 100 * Math.Exp(0.5 * Gaussian(random));
            candles.Add(new Candle(
                time.AddHours(i), Round(open), Round(high), Round(low), Round(close), Math.Round((decimal)volume, 6)));
            price = close;
        }

        return CandleQuotes.ToColumns(candles);
    }

    private static decimal Round(double price) => Math.Round((decimal)price, 2);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CryptoFunk.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new InvalidOperationException($"CryptoFunk.sln not found above {AppContext.BaseDirectory}");
    }
}
