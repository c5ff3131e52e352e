using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Chat;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// The group's decision at one time, with everything needed to explain, execute and store it: the action and why,
/// every agent's answer, the vote, the chosen proposal, the risk verdicts of the agent and of code, and whether any
/// part of it came from a fallback.
/// </summary>
public sealed record TradingDecision
{
    /// <summary>The market.</summary>
    public required MarketSymbol Symbol { get; init; }

    /// <summary>When the decision was made; nothing after it was seen.</summary>
    public required DateTimeOffset DecisionTime { get; init; }

    /// <summary>BUY or SELL (an entry of <see cref="Quantity"/>), CLOSE, or HOLD.</summary>
    public required TradeAction Action { get; init; }

    /// <summary>Why, in words: the reason the chat ended, and what code changed.</summary>
    public required string Reason { get; init; }

    /// <summary>How the chat ended.</summary>
    public required ChatConclusion Conclusion { get; init; }

    /// <summary>True when an agent failed, abstained or answered from a fallback.</summary>
    public required bool Degraded { get; init; }

    /// <summary>Base-asset quantity to trade for an entry, the position's for a close, else zero.</summary>
    public decimal Quantity { get; init; }

    /// <summary>The analysts' vote; null only if the chat never got that far.</summary>
    public Consensus? Consensus { get; init; }

    /// <summary>The chosen strategy proposal.</summary>
    public StrategyProposal? Proposal { get; init; }

    /// <summary>The chosen proposal as the risk gate saw it.</summary>
    public TradeProposal? Trade { get; init; }

    /// <summary>The risk agent's verdict.</summary>
    public RiskReview? Review { get; init; }

    /// <summary>The code risk gate's verdict with every clamp; null when no entry reached it.</summary>
    public RiskAssessment? Risk { get; init; }

    /// <summary>
    /// Every check that refused this decision's trade, with a stable code to count by: the quorum, the risk agent, or
    /// the code risk gate (also when the risk agent rejected a trade the gate refused already, the gate's reasons,
    /// which the agent was shown). Empty when nothing was refused.
    /// </summary>
    public IReadOnlyList<TradeRefusal> Refusals { get; init; } = [];

    /// <summary>Every agent answer, in chat order (abstentions included).</summary>
    public required IReadOnlyList<AgentResponse> Responses { get; init; }

    /// <summary>The chat's turns with their selection and termination reasons.</summary>
    public required IReadOnlyList<AgentGroupChatTurn> Turns { get; init; }

    /// <summary>True for BUY or SELL with a positive quantity.</summary>
    public bool IsEntry => Action is TradeAction.Buy or TradeAction.Sell && Quantity > 0;
}
