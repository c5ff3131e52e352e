using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// The account and its order book as trading sessions, backtests, paper runs and plugins use it: orders go in through
/// <see cref="Submit"/> (entries and closes alike), candles settle through <see cref="OnCandle"/>, and the books are
/// read back. A broker refuses what it cannot do exactly, with the reason, and never resizes an order.
/// </summary>
public interface IBroker
{
    /// <summary>Quote-currency cash not tied up in positions.</summary>
    decimal Cash { get; }

    /// <summary>Open positions, at most one per symbol.</summary>
    IReadOnlyCollection<Position> Positions { get; }

    /// <summary>Orders accepted and not yet filled, refused or cancelled, in submission order.</summary>
    IReadOnlyList<OrderRequest> OpenOrders { get; }

    /// <summary>Every fill so far, in the order it happened.</summary>
    IReadOnlyList<Fill> Fills { get; }

    /// <summary>Every closed position (or closed part) so far.</summary>
    IReadOnlyList<ClosedTrade> ClosedTrades { get; }

    /// <summary>Highest equity seen at a candle close, the reference for <see cref="Drawdown"/>.</summary>
    decimal PeakEquity { get; }

    /// <summary>Cash plus positions marked at the last close of their symbol.</summary>
    decimal Equity { get; }

    /// <summary>Fall from <see cref="PeakEquity"/> to <see cref="Equity"/> as a fraction (0.1 is 10%).</summary>
    decimal Drawdown { get; }

    /// <summary>The open position in <paramref name="symbol"/>, or null.</summary>
    Position? PositionFor(MarketSymbol symbol);

    /// <summary>The last candle processed for <paramref name="symbol"/>, whose close marks its position; null before the first.</summary>
    Candle? LastCandle(MarketSymbol symbol);

    /// <summary>Equity with <paramref name="symbol"/> marked at <paramref name="markPrice"/> and others at their last close.</summary>
    decimal EquityAt(MarketSymbol symbol, decimal markPrice);

    /// <summary>The exchange's order rules for <paramref name="symbol"/>, which every order must meet.</summary>
    ExchangeRules RulesFor(MarketSymbol symbol);

    /// <summary>Queues an order after checking it; a refused order comes back with the reason.</summary>
    OrderResult Submit(OrderRequest request);

    /// <summary>Removes an open order; false when no open order has that id.</summary>
    bool Cancel(string orderId);

    /// <summary>Settles the next candle of <paramref name="symbol"/>: fills, stops and targets, in the broker's order.</summary>
    CandleOutcome OnCandle(MarketSymbol symbol, Candle candle);
}
