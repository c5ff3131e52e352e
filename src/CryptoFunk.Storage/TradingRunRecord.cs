namespace CryptoFunk.Storage;

/// <summary>
/// One backtest or paper-trading session: what was traded, with which settings and money, and how it ended, so
/// every stored decision, order and fill can be traced back to the run that produced it.
/// </summary>
public sealed class TradingRunRecord
{
    /// <summary>Caller-chosen run id (the key every other trading row carries).</summary>
    public required string Id { get; set; }

    /// <summary>A <see cref="TradingRunKinds"/> value.</summary>
    public required string Kind { get; set; }

    /// <summary>Market traded (<c>BTC/USDT</c>).</summary>
    public required string Symbol { get; set; }

    /// <summary>Candle interval (<c>1h</c>).</summary>
    public required string Interval { get; set; }

    /// <summary>First candle time of a backtest; null for open-ended paper trading.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>End of a backtest's range; null for open-ended paper trading.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>Quote-currency capital at the start.</summary>
    public decimal InitialCapital { get; set; }

    /// <summary>How agents were answered (live, record, replay, rules ...), so results are read with that in mind.</summary>
    public required string LlmMode { get; set; }

    /// <summary>Wall-clock start.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Wall-clock end; null while running.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>A <see cref="TradingRunStatuses"/> value.</summary>
    public string Status { get; set; } = TradingRunStatuses.Running;

    /// <summary>The settings the run used, as JSON, so it can be reproduced.</summary>
    public string? SettingsJson { get; set; }

    /// <summary>The run's result summary (return, drawdown, trades ...) as JSON.</summary>
    public string? SummaryJson { get; set; }

    /// <summary>Spans the local span store had no room for during the run, so its traces are known to be incomplete.</summary>
    public long SpansDropped { get; set; }

    /// <summary>
    /// The process running it as <c>machine:pid</c>, so a later start can tell a killed run (its process is gone)
    /// from one still going; null for runs stored before owners were recorded.
    /// </summary>
    public string? Owner { get; set; }

    /// <summary>How many times the run was found killed and continued (paper accounts).</summary>
    public int Interruptions { get; set; }
}
