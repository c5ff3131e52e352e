namespace CryptoFunk.Trading.Performance;

/// <summary>
/// The account's value at one mark, so performance is measured on what the account was worth over time and not only
/// on closed trades. The first point is the start (before any bar), each later point the close of one bar; a gap in
/// the candles makes one step longer than a bar, and its return counts as one bar's.
/// </summary>
/// <param name="Time">When the equity was marked (a bar's close time; the first point is the start).</param>
/// <param name="Equity">Cash plus positions marked at that time, in the quote currency.</param>
/// <param name="InMarket">Whether a position was open at this mark; counts the bar ending here towards exposure.</param>
public sealed record EquityPoint(DateTimeOffset Time, decimal Equity, bool InMarket = false);
