namespace CryptoFunk.Agents.Answers;

/// <summary>
/// What a signal, a proposal or a decision says to do, in the one vocabulary every prompt schema uses
/// (<c>BUY</c>, <c>SELL</c>, <c>HOLD</c>, <c>CLOSE</c>).
/// </summary>
public enum TradeAction
{
    /// <summary>Do nothing.</summary>
    Hold,

    /// <summary>Open (or vote for) a long position.</summary>
    Buy,

    /// <summary>Vote against the market, or open a short where shorts are allowed.</summary>
    Sell,

    /// <summary>Close the open position.</summary>
    Close,
}
