namespace CryptoFunk.Engine.Paper;

/// <summary>
/// How live paper trading waits for closed candles and fetches the order books and futures sentiment its decisions
/// see (configuration section <see cref="Section"/>, such as <c>Paper:SettleDelay</c>).
/// </summary>
public sealed class LiveFeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Paper";

    /// <summary>Largest <see cref="OrderBookDepth"/>: the agents read a summary of the top 20 levels, and every level is stored.</summary>
    public const int MaxOrderBookDepth = 100;

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

    /// <summary>Price levels per side of the order book fetched, shown to the agents and stored with each decision.</summary>
    public int OrderBookDepth { get; set; } = 20;

    /// <summary>
    /// Longest wait at a close for every market's order book and futures sentiment; what has not come by then is left
    /// out of that decision (logged), which goes on without it.
    /// </summary>
    public TimeSpan MarketDataTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
