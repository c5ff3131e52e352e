namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// How the agents decide together (configuration section <c>Trading</c>): who sits in each stage, the consensus
/// threshold and quorum, how long a stage may take, and whether a SELL may open a short.
/// </summary>
public sealed class TradingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Trading";

    /// <summary>Share of the confidence-weighted vote the majority needs; the design document's 2 of 3.</summary>
    public double ConsensusThreshold { get; set; } = 2.0 / 3.0;

    /// <summary>
    /// Analysts that must vote for a consensus to count; with fewer (the others failed or abstained) the decision holds,
    /// so one analyst alone can never make a "100% consensus".
    /// </summary>
    public int MinimumVoters { get; set; } = 2;

    /// <summary>Prompt names of the analysis agents, asked first and in parallel.</summary>
    public IList<string> AnalysisAgents { get; set; } = ["technical_analysis", "order_book", "sentiment"];

    /// <summary>Analysis agents that read an order book; left out of runs without one (backtests from candles).</summary>
    public IList<string> OrderBookAgents { get; set; } = ["order_book"];

    /// <summary>Prompt names of the strategy agents, asked in parallel once the analysts agree.</summary>
    public IList<string> StrategyAgents { get; set; } = ["trend_following", "mean_reversion"];

    /// <summary>Prompt name of the risk agent that reviews the chosen proposal.</summary>
    public string RiskAgent { get; set; } = "risk_management";

    /// <summary>Turns a decision's chat may take: analysis, strategy and risk review are three.</summary>
    public int MaximumIterations { get; set; } = 3;

    /// <summary>
    /// How long each stage of a decision (the analysts, the strategists, the risk review) may take: an agent still
    /// working then abstains, saying so, and the decision goes on with the answers it has (the design's "proceed with
    /// partial results"); a risk agent that misses it approves nothing. A decision so takes at most
    /// <see cref="MaximumIterations"/> times this, however a provider hangs.
    /// </summary>
    public TimeSpan DecisionTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When true a SELL while flat opens a short (the paper broker must allow shorts too); off by default.</summary>
    public bool AllowShorts { get; set; }

    /// <summary>Closed candles shown to the agents.</summary>
    public int RecentCandles { get; set; } = 24;

    /// <summary>Problems with these options, each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Errors()
    {
        var errors = new List<string>();
        if (!(ConsensusThreshold > 0.5 && ConsensusThreshold <= 1))
        {
            errors.Add($"{Section}:ConsensusThreshold must be above 0.5 and at most 1 (a majority), was {ConsensusThreshold}");
        }

        if (AnalysisAgents.Count == 0)
        {
            errors.Add($"{Section}:AnalysisAgents must name at least one agent");
        }

        if (MinimumVoters < 1)
        {
            errors.Add($"{Section}:MinimumVoters must be at least 1, was {MinimumVoters}");
        }
        else if (AnalysisAgents.Count > 0 && MinimumVoters > AnalysisAgents.Count)
        {
            errors.Add($"{Section}:MinimumVoters ({MinimumVoters}) must not exceed the number of {Section}:AnalysisAgents ({AnalysisAgents.Count}), or no consensus could ever be reached");
        }

        if (StrategyAgents.Count == 0)
        {
            errors.Add($"{Section}:StrategyAgents must name at least one agent");
        }

        if (string.IsNullOrWhiteSpace(RiskAgent))
        {
            errors.Add($"{Section}:RiskAgent must name the risk agent");
        }

        if (MaximumIterations < 1)
        {
            errors.Add($"{Section}:MaximumIterations must be at least 1, was {MaximumIterations}");
        }

        if (DecisionTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Section}:DecisionTimeout must be positive, was {DecisionTimeout:c}");
        }

        if (RecentCandles is < 1 or > 500)
        {
            errors.Add($"{Section}:RecentCandles must be 1..500, was {RecentCandles}");
        }

        return errors;
    }
}
