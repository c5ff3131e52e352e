namespace CryptoFunk.Trading;

/// <summary>Everything one candle caused, so the caller can persist fills, outcomes and late refusals together.</summary>
/// <param name="Fills">Fills in the order they happened.</param>
/// <param name="ClosedTrades">Positions (or parts) closed by those fills.</param>
/// <param name="Rejections">Accepted orders refused at fill time.</param>
public sealed record CandleOutcome(
    IReadOnlyList<Fill> Fills,
    IReadOnlyList<ClosedTrade> ClosedTrades,
    IReadOnlyList<OrderRejection> Rejections);
