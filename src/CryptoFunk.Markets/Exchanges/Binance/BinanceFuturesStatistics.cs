using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// <see cref="IFuturesSentimentSource"/> over Binance's public USDⓈ-M futures API (no API key) at
/// <see cref="BinanceOptions.FuturesBaseUrl"/>, for the perpetual of the same name as the spot symbol (BTC/USDT reads
/// BTCUSDT). Point in time: every request asks for a short window ending at the decision (<c>endTime</c>), and any row
/// stamped after it is discarded even if the server sends one. A window rather than <c>limit=1</c>, because Binance
/// fills a limit from the window's start.
/// </summary>
internal sealed class BinanceFuturesStatistics(BinanceRestClient client, IOptions<BinanceOptions> options) : IFuturesSentimentSource
{
    /// <summary>Funding settles every 8 hours on most perpetuals (every 4 or 1 on some), so a day back holds the last one.</summary>
    private static readonly TimeSpan FundingWindow = TimeSpan.FromDays(1);

    /// <summary>The periods Binance samples open interest and long/short ratios at.</summary>
    private static readonly Timeframe[] Periods = [.. new[] { "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d" }.Select(Timeframe.Parse)];

    /// <summary>Rows asked for: more than a day of hourly funding, more than the readings window of statistics.</summary>
    private const int RowLimit = 30;

    /// <summary>Periods back a statistics window reaches: the latest reading, the one before it, and spares in case the latest is late.</summary>
    private const int ReadingsWindow = 3;

    /// <inheritdoc />
    public async Task<FundingRate?> GetFundingRateAsync(MarketSymbol symbol, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rates = await GetAsync("fapi/v1/fundingRate", symbol, at - FundingWindow, at, period: null, BinanceFundingRateParser.Parse, cancellationToken);
        return rates.LastOrDefault(r => r.Time <= at);
    }

    /// <inheritdoc />
    public async Task<OpenInterest?> GetOpenInterestAsync(MarketSymbol symbol, Timeframe timeframe, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var period = Period(timeframe);
        var readings = await GetAsync("futures/data/openInterestHist", symbol, at - (period.Duration * ReadingsWindow), at, period, BinanceOpenInterestParser.Parse, cancellationToken);
        return readings.LastOrDefault(r => r.Time <= at);
    }

    /// <inheritdoc />
    public async Task<LongShortRatio?> GetLongShortRatioAsync(MarketSymbol symbol, Timeframe timeframe, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var period = Period(timeframe);
        var ratios = await GetAsync("futures/data/globalLongShortAccountRatio", symbol, at - (period.Duration * ReadingsWindow), at, period, BinanceLongShortRatioParser.Parse, cancellationToken);
        return ratios.LastOrDefault(r => r.Time <= at);
    }

    /// <summary>
    /// The sampling period for a bar length: the longest Binance offers that is not longer than the bar (8h bars read
    /// 6h, weekly bars 1d), and 5m for bars shorter than that.
    /// </summary>
    public static Timeframe Period(Timeframe timeframe) =>
        Periods.LastOrDefault(p => p.Duration <= timeframe.Duration, Periods[0]);

    private async Task<List<T>> GetAsync<T>(
        string path,
        MarketSymbol symbol,
        DateTimeOffset from,
        DateTimeOffset to,
        Timeframe? period,
        Func<JsonElement, MarketSymbol, string, List<T>> parse,
        CancellationToken cancellationToken)
    {
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"{path}?symbol={BinanceSymbols.ToBinance(symbol)}{(period is { } p ? "&period=" + p.Code : string.Empty)}&startTime={from.ToUnixTimeMilliseconds()}&endTime={to.ToUnixTimeMilliseconds()}&limit={RowLimit}");
        using var answer = await client.GetAsync(options.Value.FuturesBaseUrl, query, BinanceRequestWeights.FuturesStatistics, cancellationToken);
        return parse(answer.RootElement, symbol, $"GET /{query}");
    }
}
