namespace CryptoFunk.Engine.Backtesting;

/// <summary>How far a backtest is: bars done of bars to do.</summary>
public readonly record struct BacktestProgress(int Done, int Total);
