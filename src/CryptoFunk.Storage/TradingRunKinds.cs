namespace CryptoFunk.Storage;

/// <summary>The kinds of trading run, spelled once so the runner and reports agree on the stored text.</summary>
public static class TradingRunKinds
{
    /// <summary>A replay over historical candles.</summary>
    public const string Backtest = "backtest";

    /// <summary>Live market data, paper orders.</summary>
    public const string Paper = "paper";
}
