using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Engine.Backtesting;

/// <summary>
/// A finished backtest: the agents' result next to buy-and-hold and the rules engine alone on the same bars, with
/// where the answers came from and what the models cost. Everything but <see cref="RunId"/>, <see cref="StartedAt"/>,
/// <see cref="Elapsed"/>, <see cref="SpansDropped"/> and the day's spend in <see cref="Budget"/> is the same every
/// time the same inputs are run.
/// </summary>
public sealed record BacktestReport
{
    /// <summary>The stored run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The market.</summary>
    public required MarketSymbol Symbol { get; init; }

    /// <summary>Bar length.</summary>
    public required Timeframe Timeframe { get; init; }

    /// <summary>Close time of the first bar traded.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Close time of the last bar traded.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Starting cash.</summary>
    public required decimal Capital { get; init; }

    /// <summary><c>rules</c> when no model was configured, else the LLM mode (live, record, replay).</summary>
    public required string Mode { get; init; }

    /// <summary>Bars traded.</summary>
    public required int Bars { get; init; }

    /// <summary>The agents' result.</summary>
    public required PerformanceMetrics Agents { get; init; }

    /// <summary>Buying at the first bar and holding.</summary>
    public required PerformanceMetrics BuyAndHold { get; init; }

    /// <summary>The same flow with every agent replaced by the rules engine.</summary>
    public required PerformanceMetrics RulesOnly { get; init; }

    /// <summary>True when the agents ran on the rules engine anyway, so <see cref="RulesOnly"/> is the same run.</summary>
    public required bool RulesOnlyIsSameRun { get; init; }

    /// <summary>Decisions, sources, tokens and cost.</summary>
    public required SessionTally Tally { get; init; }

    /// <summary>The model budget's limits and spend at the end of the run.</summary>
    public required ModelBudgetStatus Budget { get; init; }

    /// <summary>Answer-cache operations skipped during the run because the cache's server could not be reached.</summary>
    public long CacheUnavailable { get; init; }

    /// <summary>What the run left out or assumed, in words.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    /// <summary>Why the result may not mean what it seems (a window the models may remember), each with a stable code.</summary>
    public required IReadOnlyList<RunWarning> Warnings { get; init; }

    /// <summary>Wall-clock start.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall-clock duration of the agents' run (without the baselines).</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Spans of the run (baseline included) the span store had no room for: its traces miss that many.</summary>
    public required long SpansDropped { get; init; }
}
