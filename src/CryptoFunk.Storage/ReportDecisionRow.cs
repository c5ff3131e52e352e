namespace CryptoFunk.Storage;

/// <summary>What a report needs of one stored decision: when, on what, what it did and the close its agents saw.</summary>
/// <param name="Symbol">Market.</param>
/// <param name="Time">Decision time (a bar's close).</param>
/// <param name="Action">The group's action.</param>
/// <param name="RefusalCodes">Refusal codes separated by spaces; null when nothing was refused.</param>
/// <param name="Close">Close of the last candle the agents saw; null for rows stored without their market context.</param>
public sealed record ReportDecisionRow(string Symbol, DateTimeOffset Time, string Action, string? RefusalCodes, decimal? Close);
