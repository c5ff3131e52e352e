using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Backtesting;

/// <summary>What to backtest: one market's candles (earlier ones only warm the indicators up), a window and a starting capital.</summary>
/// <param name="Symbol">The market.</param>
/// <param name="Timeframe">Bar length; one decision per closed bar.</param>
/// <param name="Candles">Ascending candles; those before <paramref name="From"/> warm up the indicators.</param>
/// <param name="From">First decision window start (inclusive): the first bar opening at or after it is traded.</param>
/// <param name="To">End (exclusive): no bar closing after it is used.</param>
/// <param name="Capital">Starting cash in the quote asset.</param>
/// <param name="DataSource">Where the candles came from (a file path or the exchange), kept with the run.</param>
/// <param name="RunId">The stored run's id; null for a new <c>bt-</c> id. A sweep names each run after its combination.</param>
/// <param name="ConfigurationOverrides">
/// Configuration keys this run was given on top of the program's configuration (a sweep's combination), kept with the
/// run's settings; null when none.
/// </param>
public sealed record BacktestRequest(
    MarketSymbol Symbol,
    Timeframe Timeframe,
    IReadOnlyList<Candle> Candles,
    DateTimeOffset From,
    DateTimeOffset To,
    decimal Capital,
    string DataSource,
    string? RunId = null,
    IReadOnlyDictionary<string, string>? ConfigurationOverrides = null);
