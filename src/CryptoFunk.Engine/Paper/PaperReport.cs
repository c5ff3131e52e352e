using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Engine.Paper;

/// <summary>The account at the end of a paper run (finished, or stopped by the user), and what the run did.</summary>
public sealed record PaperReport
{
    /// <summary>The stored run.</summary>
    public required string RunId { get; init; }

    /// <summary>The account traded.</summary>
    public required string Account { get; init; }

    /// <summary>The markets, in settlement and execution order.</summary>
    public required IReadOnlyList<MarketSymbol> Symbols { get; init; }

    /// <summary>Bar length.</summary>
    public required Timeframe Timeframe { get; init; }

    /// <summary><c>rules</c> when no model is configured, else the model mode (live, record, replay).</summary>
    public required string Mode { get; init; }

    /// <summary>Where the candles came from.</summary>
    public required string Source { get; init; }

    /// <summary>Starting cash.</summary>
    public required decimal Capital { get; init; }

    /// <summary>The first close acted on; null when the run stopped before any.</summary>
    public DateTimeOffset? FirstClose { get; init; }

    /// <summary>The last close acted on; null when the run stopped before any.</summary>
    public DateTimeOffset? LastClose { get; init; }

    /// <summary>Closes acted on.</summary>
    public required int Closes { get; init; }

    /// <summary>Cash plus positions marked at the last closes.</summary>
    public required decimal Equity { get; init; }

    /// <summary>Cash not tied up in positions.</summary>
    public required decimal Cash { get; init; }

    /// <summary>Open positions at the end.</summary>
    public required IReadOnlyList<PositionView> Positions { get; init; }

    /// <summary>Closed trades, oldest first.</summary>
    public required IReadOnlyList<ClosedTrade> Trades { get; init; }

    /// <summary>The account's metrics over its whole life (restarts included); null when it settled no close.</summary>
    public PerformanceMetrics? Performance { get; init; }

    /// <summary>Buy-and-hold and the rules engine alone over the same closes; null when it settled no close.</summary>
    public PaperBaselines? Baselines { get; init; }

    /// <summary>Decisions, sources, model calls, tokens and cost.</summary>
    public required SessionTally Tally { get; init; }

    /// <summary>True when the user stopped the run (Ctrl+C) before the feed ended.</summary>
    public required bool Stopped { get; init; }

    /// <summary>Wall-clock start.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock time the run took.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Spans the telemetry buffer dropped during the run.</summary>
    public long SpansDropped { get; init; }

    /// <summary>The model budget's limits and this process's spend against them.</summary>
    public required ModelBudgetStatus Budget { get; init; }

    /// <summary>Answer-cache operations this process skipped because the cache's server could not be reached.</summary>
    public long CacheUnavailable { get; init; }

    /// <summary>Equity over starting cash, minus one.</summary>
    public decimal TotalReturn => (Equity / Capital) - 1m;
}
