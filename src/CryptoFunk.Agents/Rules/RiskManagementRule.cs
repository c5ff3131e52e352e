using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Rules;

/// <summary>
/// The risk agent's rule: the code's own risk check first, then a minimum reward/risk, and half size in a drawdown;
/// no answer without a trade under review.
/// </summary>
public sealed class RiskManagementRule : TradingRule
{
    /// <summary>Targets closer than this multiple of the stop distance are refused.</summary>
    public const decimal MinimumRewardToRisk = 1.5m;

    /// <summary>Above this drawdown from peak the size is halved (the design document's "recent drawdown &gt; 10%").</summary>
    public const decimal DrawdownForHalfSize = 0.10m;

    /// <inheritdoc />
    public override string AgentName => "risk_management";

    /// <inheritdoc />
    protected override bool CanAnswer(DecisionSituation situation) => situation.Review is not null;

    /// <inheritdoc />
    protected override AgentAnswer AnswerCore(DecisionSituation situation)
    {
        var (_, preview, portfolio) = situation.Review!;
        var stopDistance = preview.Metrics.StopDistanceFraction ?? 1m;
        var riskScore = Math.Round((double)Math.Min(1m, stopDistance / 0.05m), 2);
        if (!preview.Approved)
        {
            return Review(false, null, $"the hard limits refuse it: {string.Join("; ", preview.Rejections)}", riskScore, [], [.. preview.Rejections]);
        }

        var rewardToRisk = preview.Sizing?.RewardToRisk;
        if (rewardToRisk is { } ratio && ratio < MinimumRewardToRisk)
        {
            return Review(false, null, $"reward/risk {RiskText.Number(decimal.Round(ratio, 2))} is below {RiskText.Number(MinimumRewardToRisk)}: the target does not pay for the risk", riskScore, ["look for a closer stop or a farther target"], []);
        }

        if (portfolio.Drawdown > DrawdownForHalfSize)
        {
            var half = decimal.Round(preview.Quantity / 2, 8);
            return Review(true, half, $"approved at half size: equity is {RiskText.Percent(decimal.Round(portfolio.Drawdown, 4))} below its peak", Math.Min(1, riskScore + 0.2), ["rebuild equity before full-size trades"], ["drawdown above 10%"]);
        }

        return Review(true, null, $"within the limits: risk {RiskText.Percent(decimal.Round(preview.Metrics.RiskFractionOfEquity, 4))} of equity, stop {RiskText.Percent(decimal.Round(stopDistance, 4))} away, reward/risk {(rewardToRisk is { } r ? RiskText.Number(decimal.Round(r, 2)) : "n/a")}", riskScore, [], []);
    }

    private RiskReview Review(bool approved, decimal? adjustedSize, string reason, double riskScore, string[] recommendations, string[] warnings) =>
        new(AgentName, approved, Price(adjustedSize), riskScore, Reasoning(reason), warnings) { Recommendations = recommendations };
}
