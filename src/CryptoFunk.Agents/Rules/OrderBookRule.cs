using System.Globalization;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;

namespace CryptoFunk.Agents.Rules;

/// <summary>The order-book analyst's rule: the bid/ask imbalance of the top 20 levels; no answer without a book.</summary>
public sealed class OrderBookRule : TradingRule
{
    /// <inheritdoc />
    public override string AgentName => "order_book";

    /// <inheritdoc />
    protected override bool CanAnswer(DecisionSituation situation) =>
        base.CanAnswer(situation) && situation.Snapshot.OrderBook is { Bids.Count: > 0, Asks.Count: > 0 };

    /// <inheritdoc />
    protected override AgentAnswer AnswerCore(DecisionSituation situation)
    {
        var book = situation.Snapshot.OrderBook!;
        var bids = book.Bids.Take(20).Sum(l => l.Quantity);
        var asks = book.Asks.Take(20).Sum(l => l.Quantity);
        var imbalance = (double)((bids - asks) / (bids + asks));
        string[] factors = [$"top-20 imbalance {imbalance.ToString("F3", CultureInfo.InvariantCulture)}"];
        return imbalance switch
        {
            > 0.2 => Signal(TradeAction.Buy, "bids outweigh asks in the top 20 levels", "MEDIUM", factors),
            < -0.2 => Signal(TradeAction.Sell, "asks outweigh bids in the top 20 levels", "MEDIUM", factors),
            _ => Signal(TradeAction.Hold, "order book balanced", "LOW", factors),
        };
    }
}
