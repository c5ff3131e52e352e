namespace CryptoFunk.Storage;

/// <summary>
/// One agent's answer within a decision, with the design document's columns (model, tokens, cost, reasoning)
/// and the trade outcome written back later, so agents can be scored and can learn from their own past. The market
/// context the agent was shown is its decision's (<see cref="TradingDecisionRecord.MarketDataJson"/>), stored once.
/// <see cref="RunId"/>, <see cref="Symbol"/> and <see cref="Timestamp"/> repeat the decision's values for querying;
/// <see cref="TradingStore"/> copies them from the decision when it saves.
/// </summary>
public sealed class AgentDecisionRecord
{
    /// <summary>Row id (generated).</summary>
    public long Id { get; set; }

    /// <summary>The decision this answer belongs to.</summary>
    public long TradingDecisionId { get; set; }

    /// <summary>The run (copied from the decision).</summary>
    public string RunId { get; set; } = "";

    /// <summary>Decision time (copied from the decision).</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Market (copied from the decision).</summary>
    public string Symbol { get; set; } = "";

    /// <summary>Agent name, e.g. <c>technical_analysis</c>.</summary>
    public required string AgentName { get; set; }

    /// <summary><c>analysis</c>, <c>strategy</c> or <c>risk</c>.</summary>
    public required string AgentType { get; set; }

    /// <summary>The agent's signal or action, or <c>ABSTAIN</c> when it failed.</summary>
    public required string Action { get; set; }

    /// <summary>The agent's confidence (0..1).</summary>
    public decimal Confidence { get; set; }

    /// <summary>Provider that answered, or a label such as <c>rules</c> or <c>none</c> when no model did.</summary>
    public required string LlmProvider { get; set; }

    /// <summary>Model that answered, or a label such as <c>rules</c> or <c>none</c> when no model did.</summary>
    public required string LlmModel { get; set; }

    /// <summary>Input tokens of the agent's model calls.</summary>
    public long PromptTokens { get; set; }

    /// <summary>Output tokens of the agent's model calls.</summary>
    public long ResponseTokens { get; set; }

    /// <summary>Wall time of the agent's answer in milliseconds.</summary>
    public double LatencyMs { get; set; }

    /// <summary>US dollars the answer cost.</summary>
    public decimal CostUsd { get; set; }

    /// <summary>The agent's reasoning.</summary>
    public required string Reasoning { get; set; }

    /// <summary>Key factors as a JSON array of strings.</summary>
    public required string KeyFactorsJson { get; set; }

    /// <summary>Where the answer came from: <c>llm:provider/model</c>, <c>cache</c>, <c>replay</c>, <c>rules</c> or <c>hold</c>.</summary>
    public required string Source { get; set; }

    /// <summary>True when the answer is a fallback (rules, hold) or an abstention rather than the designed model's.</summary>
    public bool Degraded { get; set; }

    /// <summary>Content hash of the prompt used.</summary>
    public string? PromptVersion { get; set; }

    /// <summary>Why the agent abstained.</summary>
    public string? AbstainReason { get; set; }

    /// <summary>
    /// The agent's structured answer as JSON, less the fields stored in their own columns (action or signal,
    /// confidence, reasoning, key factors or warnings): rows before this rule hold the whole answer.
    /// </summary>
    public string? OutputJson { get; set; }

    /// <summary>True once the trade the decision opened has closed and its outcome is written back.</summary>
    public bool Executed { get; set; }

    /// <summary>When the position was entered.</summary>
    public DateTimeOffset? ExecutedAt { get; set; }

    /// <summary>Average entry price of the trade.</summary>
    public decimal? EntryPrice { get; set; }

    /// <summary>Exit price of the trade.</summary>
    public decimal? ExitPrice { get; set; }

    /// <summary>Quote-currency result after fees.</summary>
    public decimal? Pnl { get; set; }

    /// <summary>Result as a percentage of the entry notional (1.5 means 1.5%).</summary>
    public decimal? PnlPercent { get; set; }

    /// <summary>Seconds from entry to exit.</summary>
    public long? HoldTimeSeconds { get; set; }

    /// <summary>Market time the outcome became known (the exit).</summary>
    public DateTimeOffset? OutcomeKnownAt { get; set; }

    /// <summary>Model calls behind the answer that a provider served.</summary>
    public int CallsLive { get; set; }

    /// <summary>Model calls behind the answer that the answer cache served.</summary>
    public int CallsCached { get; set; }

    /// <summary>Model calls behind the answer that a recording served (replay mode).</summary>
    public int CallsReplayed { get; set; }

    /// <summary>Model calls behind the answer that the model budget refused.</summary>
    public int CallsRefused { get; set; }
}
