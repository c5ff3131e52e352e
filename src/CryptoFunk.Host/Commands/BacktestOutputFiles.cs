namespace CryptoFunk.Host.Commands;

/// <summary>The files a backtest writes besides its printed summary.</summary>
/// <param name="Json">The summary as JSON (<c>--json</c>), or null.</param>
/// <param name="Report">The stored run's HTML report (<c>--report</c>), or null.</param>
internal sealed record BacktestOutputFiles(string? Json, string? Report);
