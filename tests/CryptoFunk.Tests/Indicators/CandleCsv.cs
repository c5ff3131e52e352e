using System.Globalization;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// Reads the shared <c>time,open,high,low,close,volume</c> CSV files (Skender's daily quotes and the Binance
/// hourly candles). Deliberately minimal: the project's strict reader lives elsewhere.
/// </summary>
internal static class CandleCsv
{
    private static readonly Lazy<QuoteColumns> SkenderQuotesLazy =
        new(() => CandleQuotes.ToColumns(Read("reference/skender/quotes-default.csv")));

    private static readonly Lazy<IReadOnlyList<Candle>> BtcHourlyCandlesLazy =
        new(() => Read("data/candles/binance-spot-2017-2022/BTC_USDT-1h.csv"));

    private static readonly Lazy<QuoteColumns> BtcHourlyLazy = new(() => CandleQuotes.ToColumns(BtcHourlyCandles));

    /// <summary>Skender's 502 daily test quotes.</summary>
    public static QuoteColumns SkenderQuotes => SkenderQuotesLazy.Value;

    /// <summary>45,024 hourly BTC/USDT candles, 2017-2022.</summary>
    public static IReadOnlyList<Candle> BtcHourlyCandles => BtcHourlyCandlesLazy.Value;

    /// <summary>The same BTC/USDT candles as columns.</summary>
    public static QuoteColumns BtcHourly => BtcHourlyLazy.Value;

    private static List<Candle> Read(string sharedPath)
    {
        var lines = File.ReadAllLines(SharedFiles.Path(sharedPath));
        var candles = new List<Candle>(lines.Length - 1);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            candles.Add(new Candle(
                DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                decimal.Parse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture),
                decimal.Parse(f[5], NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return candles;
    }
}
