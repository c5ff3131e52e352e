namespace CryptoFunk.Markets.Exchanges;

/// <summary>
/// The public market data of one exchange, in CryptoFunk's own vocabulary (<see cref="MarketSymbol"/>,
/// <see cref="Timeframe"/>, <see cref="decimal"/> prices), so agents and commands never see an exchange's wire format.
/// </summary>
public interface IExchange
{
    /// <summary>Short lower-case name of the exchange, such as <c>binance</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Every candle whose open time lies in [<paramref name="from"/>, <paramref name="to"/>), oldest first, each once,
    /// fetched page by page however long the range. Missing bars stay missing: nothing is filled in.
    /// </summary>
    Task<IReadOnlyList<Candle>> GetCandlesAsync(
        MarketSymbol symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        IProgress<CandleDownloadProgress>? progress,
        CancellationToken cancellationToken);

    /// <summary>
    /// The order rules (minimum quantity, step size, minimum order value, tick size) of each of
    /// <paramref name="symbols"/>, fetched in one request; every symbol asked for is in the answer.
    /// </summary>
    Task<IReadOnlyDictionary<MarketSymbol, ExchangeRules>> GetExchangeRulesAsync(IReadOnlyList<MarketSymbol> symbols, CancellationToken cancellationToken);

    /// <summary>A snapshot of the order book with at most <paramref name="depth"/> levels per side.</summary>
    Task<OrderBook> GetOrderBookAsync(MarketSymbol symbol, int depth, CancellationToken cancellationToken);

    /// <summary>Rolling 24-hour statistics and the current best bid and ask.</summary>
    Task<Ticker24h> GetTicker24hAsync(MarketSymbol symbol, CancellationToken cancellationToken);
}
