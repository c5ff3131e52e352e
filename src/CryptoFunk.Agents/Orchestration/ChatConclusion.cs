namespace CryptoFunk.Agents.Orchestration;

/// <summary>How a decision's group chat ended; each maps to one action and is stored with its reason.</summary>
public enum ChatConclusion
{
    /// <summary>The analysts did not agree (or agreed on HOLD): hold.</summary>
    NoConsensus,

    /// <summary>Fewer analysts voted than <see cref="TradingOptions.MinimumVoters"/>: hold, whatever they said.</summary>
    NoQuorum,

    /// <summary>The analysts agreed, but on something the position cannot act on (BUY while long, SELL while flat without shorts): hold.</summary>
    NothingToDo,

    /// <summary>No strategy proposal fits: hold.</summary>
    NoProposal,

    /// <summary>The best proposal closes the open position; closing only lowers risk, so no review is needed.</summary>
    Close,

    /// <summary>The risk agent rejected the trade, or gave no verdict: hold.</summary>
    RiskRejected,

    /// <summary>The risk agent approved; the code risk gate decides the final quantity.</summary>
    RiskApproved,

    /// <summary>The chat used up its turns before a verdict: hold.</summary>
    IterationLimit,
}
