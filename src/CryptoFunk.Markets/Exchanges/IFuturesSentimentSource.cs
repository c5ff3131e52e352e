namespace CryptoFunk.Markets.Exchanges;

/// <summary>
/// An exchange's public perpetual-futures statistics for a spot symbol, read for sentiment, point in time: each call
/// answers with the latest row stamped at or before <c>at</c> and never one after it, so a decision sees only what was
/// known when it was made. Null means the exchange had no row in the recent window.
/// </summary>
public interface IFuturesSentimentSource
{
    /// <summary>The funding rate last settled at or before <paramref name="at"/>.</summary>
    /// <exception cref="ExchangeException">The exchange could not be reached, refused, or answered nonsense.</exception>
    Task<FundingRate?> GetFundingRateAsync(MarketSymbol symbol, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The latest open interest reading at or before <paramref name="at"/>, sampled about once per <paramref name="timeframe"/>.</summary>
    /// <exception cref="ExchangeException">The exchange could not be reached, refused, or answered nonsense.</exception>
    Task<OpenInterest?> GetOpenInterestAsync(MarketSymbol symbol, Timeframe timeframe, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The latest long/short account split at or before <paramref name="at"/>, sampled about once per <paramref name="timeframe"/>.</summary>
    /// <exception cref="ExchangeException">The exchange could not be reached, refused, or answered nonsense.</exception>
    Task<LongShortRatio?> GetLongShortRatioAsync(MarketSymbol symbol, Timeframe timeframe, DateTimeOffset at, CancellationToken cancellationToken);
}
