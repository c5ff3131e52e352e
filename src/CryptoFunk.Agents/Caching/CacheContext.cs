namespace CryptoFunk.Agents.Caching;

/// <summary>
/// The market state a request was made in, for the similarity tier: it only reuses an answer given for the same
/// symbol, timeframe and position state, before the current decision time, whose numeric features are close enough.
/// </summary>
/// <param name="Symbol">Market, e.g. <c>BTC/USDT</c>.</param>
/// <param name="Timeframe">Bar length code, e.g. <c>1h</c>.</param>
/// <param name="PositionState">e.g. <c>flat</c> or <c>long</c>.</param>
/// <param name="DecisionTime">Market time of the decision.</param>
/// <param name="Features">Numeric features the agent was shown (RSI, %B, ADX, ...), always in the same order.</param>
public sealed record CacheContext(string Symbol, string Timeframe, string PositionState, DateTimeOffset DecisionTime, IReadOnlyList<double> Features);
