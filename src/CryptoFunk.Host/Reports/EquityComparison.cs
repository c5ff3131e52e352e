namespace CryptoFunk.Host.Reports;

/// <summary>
/// A curve the run's equity is drawn against, or why it is not drawn: a baseline the run never stored is named
/// missing, never made up.
/// </summary>
/// <param name="Name">Legend text.</param>
/// <param name="Points">Time and equity, ascending; empty when missing.</param>
/// <param name="Note">What the page says about it: why it is missing, or that it is the run itself; null when drawn as stored.</param>
internal sealed record EquityComparison(string Name, IReadOnlyList<(DateTimeOffset Time, decimal Equity)> Points, string? Note);
