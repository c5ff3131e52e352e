namespace CryptoFunk.Storage;

/// <summary>A stored decision with its forward label; the trade outcome, when it traded, is on the decision itself.</summary>
/// <param name="Decision">The decision with its agents' rows.</param>
/// <param name="Forward">The market's move after it, or null when the run holds no close that far ahead.</param>
public sealed record DatasetDecision(TradingDecisionRecord Decision, ForwardReturn? Forward);
