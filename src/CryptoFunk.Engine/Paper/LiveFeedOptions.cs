namespace CryptoFunk.Engine.Paper;

/// <summary>
/// How live paper trading waits for closed candles (configuration section <see cref="Section"/>, such as
/// <c>Paper:SettleDelay</c>).
/// </summary>
public sealed class LiveFeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Paper";

    /// <summary>
    /// Wait after a candle's close time before fetching it, so the exchange has taken the bar's last trades into it.
    /// </summary>
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait between two fetches of a candle the exchange has not finished yet.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after the settle delay a late candle is still waited for; a market whose candle is not final by then
    /// skips that close.
    /// </summary>
    public TimeSpan LateCandleTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
