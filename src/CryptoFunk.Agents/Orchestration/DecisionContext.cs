using CryptoFunk.Agents.Agents;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>What code knows at the decision time, from plugins: the market snapshot, the account, the open position and the exchange's order rules.</summary>
/// <param name="Snapshot">Candles and indicators closed at or before the decision time.</param>
/// <param name="Portfolio">Equity, cash, peak and open positions, for the risk gate.</param>
/// <param name="Position">The open position in this symbol, or null when flat.</param>
public sealed record DecisionContext(MarketSnapshot Snapshot, PortfolioExposure Portfolio, Position? Position)
{
    /// <summary>The market.</summary>
    public MarketSymbol Symbol => Snapshot.Symbol;

    /// <summary>The decision time.</summary>
    public DateTimeOffset DecisionTime => Snapshot.DecisionTime;

    /// <summary>The last close known at the decision time.</summary>
    public decimal Price => Snapshot.Price;

    /// <summary>What the rules read of this context: the market and the side of the open position.</summary>
    public DecisionSituation Situation => new(Snapshot, Position?.Side);

    /// <summary>The exchange's order rules for the market; none unless given (the trading session gives the broker's).</summary>
    public ExchangeRules Rules { get; init; } = ExchangeRules.None;

    /// <summary>The price and rules the risk gate checks proposals against.</summary>
    public MarketCheck MarketCheck => new(Symbol, Price, DecisionTime) { Rules = Rules };
}
