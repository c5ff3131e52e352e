using System.Globalization;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// <see cref="IExchange"/> over Binance's public spot REST API (no API key): klines, exchange info (order rules),
/// order book depth and the 24-hour ticker. Long candle ranges are fetched in pages of <see cref="KlinesPageLimit"/>.
/// </summary>
internal sealed class BinanceExchange(BinanceRestClient client, TimeProvider timeProvider) : IExchange
{
    /// <summary>Largest page <c>GET /api/v3/klines</c> serves.</summary>
    public const int KlinesPageLimit = 1000;

    /// <inheritdoc />
    public string Name => "binance";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetCandlesAsync(
        MarketSymbol symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        IProgress<CandleDownloadProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        var pair = BinanceSymbols.ToBinance(symbol);
        var endTime = to.ToUnixTimeMilliseconds() - 1;
        var startTime = from.ToUnixTimeMilliseconds();
        var candles = new List<Candle>();
        DateTimeOffset? lastOpenTime = null;
        while (startTime <= endTime)
        {
            var path = string.Create(
                CultureInfo.InvariantCulture,
                $"api/v3/klines?symbol={pair}&interval={timeframe.Code}&startTime={startTime}&endTime={endTime}&limit={KlinesPageLimit}");
            List<Candle> page;
            using (var answer = await client.GetAsync(path, BinanceRequestWeights.Klines, cancellationToken))
            {
                page = BinanceKlineParser.Parse(answer.RootElement, timeframe, $"GET /{path}");
            }

            if (page.Count == 0)
            {
                break;
            }

            foreach (var candle in page)
            {
                if (candle.OpenTime <= lastOpenTime)
                {
                    throw new ExchangeResponseException(
                        $"Binance returned the kline at {BinanceJson.Iso(candle.OpenTime)} after the one at {BinanceJson.Iso(lastOpenTime.Value)} " +
                        $"(GET /{path}); klines must arrive oldest first, each once");
                }

                lastOpenTime = candle.OpenTime;
                if (candle.OpenTime >= from && candle.OpenTime < to)
                {
                    candles.Add(candle);
                }
            }

            // The next bar opens a full bar after the last one, so once that is at or past the end nothing is left to ask for.
            var covered = lastOpenTime!.Value + timeframe.Duration;
            if (covered >= to)
            {
                break;
            }

            progress?.Report(new CandleDownloadProgress(from, to, covered, candles.Count));
            startTime = lastOpenTime.Value.ToUnixTimeMilliseconds() + 1;
        }

        progress?.Report(new CandleDownloadProgress(from, to, to, candles.Count));
        return candles;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<MarketSymbol, ExchangeRules>> GetExchangeRulesAsync(IReadOnlyList<MarketSymbol> symbols, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(symbols.Count);
        var names = string.Join(',', symbols.Select(symbol => $"\"{BinanceSymbols.ToBinance(symbol)}\""));
        var path = $"api/v3/exchangeInfo?symbols={Uri.EscapeDataString($"[{names}]")}";
        using var answer = await client.GetAsync(path, BinanceRequestWeights.ExchangeInfo, cancellationToken);
        return BinanceExchangeInfoParser.Parse(answer.RootElement, symbols, $"GET /{path}");
    }

    /// <inheritdoc />
    public async Task<OrderBook> GetOrderBookAsync(MarketSymbol symbol, int depth, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, BinanceRequestWeights.MaxDepthLimit);
        var path = string.Create(CultureInfo.InvariantCulture, $"api/v3/depth?symbol={BinanceSymbols.ToBinance(symbol)}&limit={depth}");
        using var answer = await client.GetAsync(path, BinanceRequestWeights.Depth(depth), cancellationToken);
        return BinanceOrderBookParser.Parse(answer.RootElement, symbol, timeProvider.GetUtcNow(), $"GET /{path}");
    }

    /// <inheritdoc />
    public async Task<Ticker24h> GetTicker24hAsync(MarketSymbol symbol, CancellationToken cancellationToken)
    {
        var path = $"api/v3/ticker/24hr?symbol={BinanceSymbols.ToBinance(symbol)}";
        using var answer = await client.GetAsync(path, BinanceRequestWeights.Ticker24hOneSymbol, cancellationToken);
        return BinanceTickerParser.Parse(answer.RootElement, symbol, $"GET /{path}");
    }
}
