using Microsoft.Extensions.Options;

namespace CryptoFunk.Trading.Risk;

/// <summary>
/// Turns a proposal into the largest quantity the hard limits allow: the per-trade risk cap
/// (<c>equity * MaxRiskPerTradeFraction / |entry - stop|</c>), fractional Kelly
/// (<c>equity * KellyFraction * (p - (1 - p) / b) / |entry - stop|</c>), the position-notional cap
/// (<c>equity * MaxPositionFraction / entry</c>) and cash (<c>cash / entry</c>); the smallest wins.
/// </summary>
/// <remarks>
/// Kelly's stake is read as the fraction of equity put at risk, because b is measured against the stop distance: losing
/// the bet means the stop is hit. Quantities are not rounded here: <see cref="RiskGate"/> rounds its final quantity down
/// to the exchange's step size.
/// </remarks>
public sealed class PositionSizer(IOptions<RiskLimitsOptions> options)
{
    private readonly RiskLimitsOptions _limits = options.Value;

    /// <summary>
    /// Sizes <paramref name="proposal"/> against <paramref name="portfolio"/>; the win probability is the portfolio's
    /// shrunk win rate when a trade has closed, else <see cref="RiskLimitsOptions.PriorWinProbability"/>.
    /// </summary>
    public PositionSize Size(TradeProposal proposal, PortfolioExposure portfolio)
    {
        var winProbability = portfolio.RecentWinRate ?? _limits.PriorWinProbability;
        var notes = new List<string>();
        var entry = proposal.EntryPrice;
        if (entry <= 0m || portfolio.Equity <= 0m || proposal.StopLoss is not { } stop || stop == entry)
        {
            return Zero(winProbability, notes, new TradeRefusal(RefusalCodes.Unsizable, "a positive entry, positive equity and a stop away from the entry are needed to size a trade"));
        }

        var stopDistance = Math.Abs(entry - stop);
        var riskCap = portfolio.Equity * _limits.MaxRiskPerTradeFraction / stopDistance;
        var notionalCap = portfolio.Equity * _limits.MaxPositionFraction / entry;
        var cashCap = Math.Max(0m, portfolio.Cash) / entry;

        decimal? rewardToRisk = null;
        decimal? kellyQuantity = null;
        TradeRefusal? zero = null;
        if (proposal.TakeProfit is not { } takeProfit)
        {
            notes.Add("no take profit, so no reward/risk ratio for Kelly: sized by the risk cap only");
        }
        else
        {
            var reward = proposal.Side == PositionSide.Long ? takeProfit - entry : entry - takeProfit;
            var ratio = reward / stopDistance;
            rewardToRisk = ratio;
            var kellyStake = ratio > 0m ? winProbability - ((1m - winProbability) / ratio) : 0m;
            if (kellyStake <= 0m)
            {
                kellyQuantity = 0m;
                zero = new TradeRefusal(
                    RefusalCodes.NoEdge,
                    $"no edge: with win probability {RiskText.Number(winProbability)} and reward/risk {RiskText.Number(ratio)} " +
                    "the Kelly stake p - (1 - p) / b is not positive");
            }
            else
            {
                kellyQuantity = portfolio.Equity * _limits.KellyFraction * kellyStake / stopDistance;
                notes.Add(
                    $"Kelly stake {RiskText.Percent(kellyStake)} of equity, {RiskText.Number(_limits.KellyFraction)} of it used: " +
                    $"risk {RiskText.Percent(_limits.KellyFraction * kellyStake)} of equity");
            }
        }

        var (quantity, binding) = (riskCap, RiskLimit.RiskPerTrade);
        foreach (var (candidate, limit) in new[]
                 {
                     (kellyQuantity, RiskLimit.Kelly),
                     (notionalCap, RiskLimit.PositionNotional),
                     (cashCap, RiskLimit.Cash),
                 })
        {
            if (candidate is { } value && value < quantity)
            {
                (quantity, binding) = (value, limit);
            }
        }

        if (quantity == 0m && zero is null)
        {
            zero = new TradeRefusal(RefusalCodes.NoCash, "no cash is available for a new position");
        }

        return new PositionSize(
            quantity, binding, riskCap, kellyQuantity, notionalCap, cashCap, winProbability, rewardToRisk, notes, zero);
    }

    private static PositionSize Zero(decimal winProbability, List<string> notes, TradeRefusal refusal) =>
        new(0m, RiskLimit.RiskPerTrade, 0m, null, 0m, 0m, winProbability, null, notes, refusal);
}
