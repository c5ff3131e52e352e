using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Tests.Risk;

/// <summary>
/// A 10,000 USDT account and a long BTC/USDT proposal at 100 with a 5% stop (95) and a 3:1 target (115): the 2% risk
/// cap allows 200 / 5 = 40, below the 50% notional cap (50) and cash (100), and quarter Kelly at p = 0.6 is far above it.
/// </summary>
internal static class RiskFixtures
{
    public static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    public static readonly MarketSymbol Eth = MarketSymbol.Parse("ETH/USDT");
    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static TradeProposal Proposal(
        PositionSide side = PositionSide.Long,
        decimal entry = 100m,
        decimal? stop = 95m,
        decimal? takeProfit = 115m,
        decimal confidence = 0.6m,
        decimal? quantity = null) =>
        new("trend_following", Btc, side, entry, stop, takeProfit, confidence, quantity);

    public static PortfolioExposure Portfolio(
        decimal equity = 10_000m,
        decimal? cash = null,
        decimal? peak = null,
        IReadOnlyList<Position>? positions = null) =>
        new(equity, cash ?? equity, peak ?? equity, positions ?? []);

    public static MarketCheck Market(decimal price = 100m) => new(Btc, price, Now);

    /// <summary>An ETH long of 10 at 100 with its stop at 77.5: 225 at risk.</summary>
    public static Position EthPosition() => Held(Eth, 10m, 100m, 77.5m);

    /// <summary>A long of <paramref name="quantity"/> held since <see cref="Now"/> at <paramref name="entry"/>.</summary>
    public static Position Held(MarketSymbol symbol, decimal quantity, decimal entry, decimal? stop) =>
        new(symbol, PositionSide.Long, quantity, entry, stop, null, Now, ["held"], 0m);

    public static RiskGate Gate(RiskLimitsOptions? limits = null) => new(Options.Create(limits ?? new RiskLimitsOptions()));

    public static PositionSizer Sizer() => new(Options.Create(new RiskLimitsOptions()));
}
