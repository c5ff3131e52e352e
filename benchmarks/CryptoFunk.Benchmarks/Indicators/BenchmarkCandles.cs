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
        RandomWalk => CandleQuotes.ToColumns(Benchmarks.RandomWalk.Hourly(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), RandomWalk, 30_000d, 100d, decimals: 2, seed: 42)),
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
