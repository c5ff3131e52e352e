using CryptoFunk.Markets;

namespace CryptoFunk.Host.Commands;

/// <summary>A market's candles and the window a backtest trades in them.</summary>
/// <param name="Series">The candles, with the warm-up before <paramref name="From"/>.</param>
/// <param name="From">First decision window start.</param>
/// <param name="To">End, exclusive.</param>
internal sealed record BacktestWindow(CandleSeries Series, DateTimeOffset From, DateTimeOffset To);
