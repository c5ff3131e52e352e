using System.Text.Json;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.StructuredOutput;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Answers;

/// <summary>A strategy agent's proposal; its prices are the agent's claims, checked by the risk gate before any use.</summary>
/// <param name="AgentName">The proposing agent.</param>
/// <param name="Action">BUY, SELL, HOLD or CLOSE.</param>
/// <param name="Confidence">0..1.</param>
/// <param name="EntryPrice">Intended entry; null means at market.</param>
/// <param name="StopLoss">Stop price; required by the risk gate for an entry.</param>
/// <param name="TakeProfit">Target price.</param>
/// <param name="Reasoning">Why, in words.</param>
public sealed record StrategyProposal(
    string AgentName,
    TradeAction Action,
    double Confidence,
    decimal? EntryPrice,
    decimal? StopLoss,
    decimal? TakeProfit,
    string Reasoning) : AgentAnswer(AgentName)
{
    /// <summary>The trend-following agent's reading of the trend (EMERGING, ESTABLISHED, MATURE, EXHAUSTED); null from others.</summary>
    public string? TrendPhase { get; init; }

    /// <summary>The mean-reversion agent's expected time to reversion (SHORT, MEDIUM); null from others.</summary>
    public string? Timeframe { get; init; }

    /// <summary>The mean-reversion agent's own reward/risk estimate; null from others.</summary>
    public double? RiskReward { get; init; }

    /// <summary>Reward over risk measured from <paramref name="marketPrice"/> when no entry is given; null without stop or target.</summary>
    public double? RewardToRisk(decimal marketPrice)
    {
        var entry = EntryPrice ?? marketPrice;
        if (StopLoss is not { } stop || TakeProfit is not { } target || entry == stop)
        {
            return null;
        }

        var ratio = (double)((target - entry) / (entry - stop));
        return ratio > 0 ? ratio : 0;
    }

    /// <summary>The trade the risk gate checks: an entry at market when the agent gave no entry price.</summary>
    public TradeProposal ToTrade(MarketSymbol symbol, decimal marketPrice) => new(
        AgentName,
        symbol,
        Action == TradeAction.Sell ? PositionSide.Short : PositionSide.Long,
        EntryPrice ?? marketPrice,
        StopLoss,
        TakeProfit,
        (decimal)Confidence);

    /// <summary>The proposal in <paramref name="response"/>, or null when the agent abstained or its answer is not a proposal.</summary>
    public static StrategyProposal? From(AgentResponse response)
    {
        if (response.Answer is StrategyProposal typed)
        {
            return typed;
        }

        if (response.Abstained || response.Output is not { } output || TradeActions.Parse(AgentOutput.String(output, "action")) is not { } action)
        {
            return null;
        }

        return new StrategyProposal(
            response.AgentName,
            action,
            Math.Clamp(AgentOutput.Number(output, "confidence"), 0, 1),
            AgentOutput.Decimal(output, "entry_price"),
            AgentOutput.Decimal(output, "stop_loss"),
            AgentOutput.Decimal(output, "take_profit"),
            AgentOutput.String(output, "reasoning") ?? string.Empty)
        {
            TrendPhase = AgentOutput.String(output, "trend_phase"),
            Timeframe = AgentOutput.String(output, "timeframe"),
            RiskReward = AgentOutput.OptionalNumber(output, "risk_reward"),
        };
    }

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter json)
    {
        json.WriteString("action", Action.ToWire());
        json.WriteNumber("confidence", Confidence);
        json.WriteString("reasoning", Reasoning);
        json.WriteNumberOrNull("entry_price", EntryPrice);
        json.WriteNumberOrNull("stop_loss", StopLoss);
        json.WriteNumberOrNull("take_profit", TakeProfit);
        if (TrendPhase is not null)
        {
            json.WriteString("trend_phase", TrendPhase);
        }

        if (Timeframe is not null)
        {
            json.WriteString("timeframe", Timeframe);
        }

        if (RiskReward is { } riskReward)
        {
            json.WriteNumber("risk_reward", riskReward);
        }
    }
}
