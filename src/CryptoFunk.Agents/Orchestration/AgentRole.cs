namespace CryptoFunk.Agents.Orchestration;

/// <summary>The stage an agent answers in; stored with each agent decision as its type.</summary>
public enum AgentRole
{
    /// <summary>Reads the market and votes BUY, SELL or HOLD.</summary>
    Analysis,

    /// <summary>Proposes a trade with entry, stop loss and take profit.</summary>
    Strategy,

    /// <summary>Approves, shrinks or rejects the chosen proposal.</summary>
    Risk,
}
