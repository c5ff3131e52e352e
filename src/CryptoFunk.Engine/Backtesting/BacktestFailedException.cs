namespace CryptoFunk.Engine.Backtesting;

/// <summary>A backtest stopped part way; the run is stored as failed and the message says where and why.</summary>
public sealed class BacktestFailedException(string message, Exception inner) : Exception(message, inner);
