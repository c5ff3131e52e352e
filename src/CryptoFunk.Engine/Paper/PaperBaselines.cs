using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// What a paper account is judged against, computed when the run ends over the closes it settled (its whole life,
/// restarts included): buying every market with an equal share of the cash at the first close and holding, and the
/// rules engine alone deciding on the same candles with the same broker and exchange rules.
/// </summary>
/// <param name="BuyAndHold">The equal-weight buy-and-hold curve and its metrics.</param>
/// <param name="BuyAndHoldCurve">Its equity at the start and at every close.</param>
/// <param name="RulesOnly">The rules engine's metrics; the run's own when it ran on the rules engine.</param>
/// <param name="RulesOnlyCurve">The rules engine's equity curve; empty when it is the run's own.</param>
/// <param name="Notes">Markets buy-and-hold could not buy, and why.</param>
public sealed record PaperBaselines(
    PerformanceMetrics BuyAndHold,
    IReadOnlyList<EquityPoint> BuyAndHoldCurve,
    PerformanceMetrics RulesOnly,
    IReadOnlyList<EquityPoint> RulesOnlyCurve,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when the run itself was the rules engine, so <see cref="RulesOnly"/> is the run's result.</summary>
    public bool RulesOnlyIsSameRun => RulesOnlyCurve.Count == 0;

    /// <summary>
    /// The baselines of <paramref name="session"/>'s closes; null when it settled none. The rules engine decides at
    /// every close but the last (an order placed then could not fill before the run ends).
    /// </summary>
    public static async Task<PaperBaselines?> ComputeAsync(
        TradingSession session, TradingRunSetup setup, TradingDecisionMaker maker, PaperBrokerOptions options, ExchangeRuleBook rules,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var curve = session.EquityCurve;
        if (curve.Count < 2)
        {
            return null;
        }

        var markets = session.Histories;
        var bar = markets[0].Timeframe.Duration;
        var (buyAndHold, fees, notes) = BuyEveryMarket(markets, curve[0].Time, curve[^1].Time, options, rules);
        var buyAndHoldMetrics = PerformanceCalculator.Compute(buyAndHold, [], fees, bar);
        if (setup.RulesOnly)
        {
            return new PaperBaselines(buyAndHoldMetrics, buyAndHold, PerformanceCalculator.Compute(curve, session.Tally.ClosedTrades, session.Tally.FeesPaid, bar), [], notes);
        }

        var shadow = new TradingSession(
            "rules-only-baseline", markets, new PaperBroker(options, rules), maker, maker.CreateParticipants(setup.Unavailable, rulesOnly: true), store: null, time);
        shadow.Begin(curve[0].Time);
        for (var i = 1; i < curve.Count; i++)
        {
            await shadow.StepAsync(curve[i].Time, decide: i < curve.Count - 1, cancellationToken);
        }

        return new PaperBaselines(
            buyAndHoldMetrics,
            buyAndHold,
            PerformanceCalculator.Compute(shadow.EquityCurve, shadow.Tally.ClosedTrades, shadow.Tally.FeesPaid, bar),
            shadow.EquityCurve,
            notes);
    }

    /// <summary>
    /// Buys each market with an equal share of the cash and sums the holdings at every close any of them has; a market
    /// that cannot be bought keeps its share as cash.
    /// </summary>
    private static (List<EquityPoint> Curve, decimal Fees, List<string> Notes) BuyEveryMarket(
        IReadOnlyList<MarketHistory> markets, DateTimeOffset from, DateTimeOffset to, PaperBrokerOptions options, ExchangeRuleBook rules)
    {
        var share = options with { InitialCash = options.InitialCash / markets.Count };
        var notes = new List<string>();
        var fees = 0m;
        var marks = new SortedDictionary<DateTimeOffset, EquityPoint?[]>();
        for (var m = 0; m < markets.Count; m++)
        {
            var market = markets[m];
            if (!BuyAndHoldBaseline.HasTradedCandle(market.Candles, market.Timeframe, from, to))
            {
                notes.Add($"buy and hold kept {market.Symbol}'s share as cash: no traded candle in the window");
                continue;
            }

            var result = BuyAndHoldBaseline.Run(market.Candles, market.Symbol, market.Timeframe, from, to, share, rules.For(market.Symbol));
            if (result.NotBought is { } why)
            {
                notes.Add($"buy and hold bought no {market.Symbol}: {why}");
            }

            fees += result.FeesPaid;
            foreach (var point in result.Curve)
            {
                if (!marks.TryGetValue(point.Time, out var row))
                {
                    marks[point.Time] = row = new EquityPoint?[markets.Count];
                }

                row[m] = point;
            }
        }

        // A market without a mark at a time (no candle then, or never bought) counts at its last mark, or its cash share.
        var last = Enumerable.Repeat(new EquityPoint(from, share.InitialCash), markets.Count).ToArray();
        var curve = new List<EquityPoint>(marks.Count + 1);
        if (marks.Count == 0 || marks.Keys.First() > from)
        {
            curve.Add(new EquityPoint(from, options.InitialCash));
        }

        foreach (var (at, row) in marks)
        {
            for (var m = 0; m < row.Length; m++)
            {
                last[m] = row[m] ?? last[m];
            }

            curve.Add(new EquityPoint(at, last.Sum(p => p.Equity), last.Any(p => p.InMarket)));
        }

        return (curve, fees, notes);
    }
}
