using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// Ten hourly markets over one window for the cluster tests. Only four coins have real hourly candles here (BTC, ETH,
/// BNB, SOL against USDT, 2017-2022 and 2025-2026), so four markets are those coins' own 2021 candles and the six
/// others stand in for more coins: real candles of the same coins from other years (2019, 2020, 2026), moved onto the
/// window by whole hours and named after their year (<c>BTC19/USDT</c>). Each is a different real price path, so the ten
/// markets decide differently, as ten coins would.
/// </summary>
internal static class TenMarkets
{
    /// <summary>Bars before the window, for the indicators' warm-up (the replay's own default takes 250).</summary>
    private const int WarmUp = 300;

    private static readonly (string Coin, string Folder, int Year)[] Sources =
    [
        ("BTC", "binance-spot-2017-2022", 2021), ("ETH", "binance-spot-2017-2022", 2021), ("BNB", "binance-spot-2017-2022", 2021), ("SOL", "binance-spot-2017-2022", 2021),
        ("BTC", "binance-spot-2017-2022", 2019), ("ETH", "binance-spot-2017-2022", 2019), ("BTC", "binance-spot-2017-2022", 2020),
        ("ETH", "binance-spot-2017-2022", 2020), ("BTC", "binance-spot-2025-2026", 2026), ("ETH", "binance-spot-2025-2026", 2026),
    ];

    /// <summary>The ten markets' candles from <see cref="WarmUp"/> bars before <paramref name="from"/> (2021) to <paramref name="to"/>, in a fixed order.</summary>
    public static async Task<IReadOnlyList<MarketHistory>> LoadAsync(DateTimeOffset from, DateTimeOffset to)
    {
        var markets = new List<MarketHistory>(Sources.Length);
        var start = from - TimeSpan.FromHours(WarmUp);
        foreach (var (coin, folder, year) in Sources)
        {
            var series = await CandleFileReader.ReadAsync(SharedFiles.Path($"data/candles/{folder}/{coin}_USDT-1h.csv"), CancellationToken.None);
            var shift = new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero) - new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var candles = series.Candles
                .Select(c => c with { OpenTime = c.OpenTime + shift })
                .Where(c => c.OpenTime >= start && c.OpenTime < to)
                .ToList();
            var symbol = MarketSymbol.Parse(year == 2021 ? $"{coin}/USDT" : $"{coin}{year % 100}/USDT");
            markets.Add(new MarketHistory(symbol, Timeframe.OneHour, candles));
        }

        return markets;
    }
}
