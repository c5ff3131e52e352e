namespace CryptoFunk.Host.Commands;

/// <summary>Settings of the <c>backtest</c> command (section <c>Backtest</c>).</summary>
internal sealed class BacktestOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Backtest";

    /// <summary>Where downloaded candles are kept so a second run needs no network.</summary>
    public string CacheDirectory { get; set; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "cryptofunk",
        "candles");
}
