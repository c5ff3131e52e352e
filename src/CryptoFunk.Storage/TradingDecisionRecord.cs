namespace CryptoFunk.Storage;

/// <summary>
/// The group's decision at one decision time: what it did and why the chat ended, the proposal and risk verdict
/// behind it, and, once the trade it opened has closed, the outcome, so results can be read per decision.
/// A run decides at most once per symbol and time.
/// </summary>
public sealed class TradingDecisionRecord
{
    /// <summary>Row id (generated).</summary>
    public long Id { get; set; }

    /// <summary>The run that decided.</summary>
    public required string RunId { get; set; }

    /// <summary>Market decided on (<c>BTC/USDT</c>).</summary>
    public required string Symbol { get; set; }

    /// <summary>Market time of the decision (the close of the last candle the agents saw).</summary>
    public DateTimeOffset DecisionTime { get; set; }

    /// <summary><c>BUY</c>, <c>SELL</c>, <c>HOLD</c> or <c>CLOSE</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Why the group chat ended (the termination strategy's reason).</summary>
    public required string Reason { get; set; }

    /// <summary>True when an agent failed and abstained, so the decision rests on fewer voices than designed.</summary>
    public bool Degraded { get; set; }

    /// <summary>The signal the analysts agreed on, if any.</summary>
    public string? ConsensusSignal { get; set; }

    /// <summary>Confidence-weighted share of the winning signal (0..1).</summary>
    public double? ConsensusShare { get; set; }

    /// <summary>The strategy agent whose proposal was picked.</summary>
    public string? ProposingAgent { get; set; }

    /// <summary>Base-asset quantity ordered, after risk sizing.</summary>
    public decimal? Quantity { get; set; }

    /// <summary>Proposed entry price; replaced by the actual average entry when the trade's outcome is written back.</summary>
    public decimal? EntryPrice { get; set; }

    /// <summary>Stop loss of the order.</summary>
    public decimal? StopLoss { get; set; }

    /// <summary>Take profit of the order.</summary>
    public decimal? TakeProfit { get; set; }

    /// <summary>The risk assessment with every clamp applied, as JSON.</summary>
    public string? RiskJson { get; set; }

    /// <summary>Client order id of the order the decision placed; the link to the trade's outcome.</summary>
    public string? OrderId { get; set; }

    /// <summary>Wall-clock time the row was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>True once the trade this decision opened has closed and its outcome is written back.</summary>
    public bool Executed { get; set; }

    /// <summary>When the position was entered.</summary>
    public DateTimeOffset? ExecutedAt { get; set; }

    /// <summary>Exit price of the closed trade.</summary>
    public decimal? ExitPrice { get; set; }

    /// <summary>Quote-currency result after fees.</summary>
    public decimal? Pnl { get; set; }

    /// <summary>Result as a percentage of the entry notional (1.5 means 1.5%).</summary>
    public decimal? PnlPercent { get; set; }

    /// <summary>Seconds from entry to exit.</summary>
    public long? HoldTimeSeconds { get; set; }

    /// <summary>Market time the outcome became known (the exit); memory only uses outcomes known before a decision.</summary>
    public DateTimeOffset? OutcomeKnownAt { get; set; }

    /// <summary>
    /// The last closed candle every agent of the decision was shown, as JSON; stored here once rather than on each
    /// agent's row. Null only for rows stored before decisions kept it and having no agent row to take it from.
    /// </summary>
    public string? MarketDataJson { get; set; }

    /// <summary>The indicator values every agent of the decision was shown, as JSON (warm-up values null).</summary>
    public string? IndicatorsJson { get; set; }

    /// <summary>
    /// Numeric market-state features for decision memory's similarity search, kept for entries only: memory remembers
    /// only decisions that traded. NaN (an indicator still warming up) is kept.
    /// </summary>
    public double[]? Features { get; set; }

    /// <summary>
    /// The order book every agent of the decision was shown (its time and the levels fetched, best first), as JSON;
    /// null when there was none (backtests and replays from candles, or a live fetch that failed).
    /// </summary>
    public string? OrderBookJson { get; set; }

    /// <summary>
    /// The futures sentiment (funding, open interest, long/short ratio, each with its time) the decision was shown, as
    /// JSON; null when there was none.
    /// </summary>
    public string? SentimentJson { get; set; }

    /// <summary>Each agent's contribution to this decision.</summary>
    public List<AgentDecisionRecord> Agents { get; } = [];

    /// <summary>Why the trade was refused, as stable codes separated by spaces; null when nothing was refused.</summary>
    public string? RefusalCodes { get; set; }

    /// <summary>The limits that clamped the quantity, separated by spaces; null when none did.</summary>
    public string? ClampLimits { get; set; }
}
