namespace CryptoFunk.Storage;

/// <summary>Which stored decisions to list; a null filter matches everything.</summary>
/// <param name="RunId">Only this run's.</param>
/// <param name="Symbol">Only this market's (<c>BTC/USDT</c>).</param>
/// <param name="Agent">Only decisions this agent answered in.</param>
/// <param name="Action">Only this action (<c>BUY</c>, <c>SELL</c>, <c>HOLD</c>, <c>CLOSE</c>).</param>
/// <param name="Last">Only the most recent this many, still listed oldest first.</param>
public sealed record DecisionQuery(string? RunId, string? Symbol, string? Agent, string? Action, int? Last);
