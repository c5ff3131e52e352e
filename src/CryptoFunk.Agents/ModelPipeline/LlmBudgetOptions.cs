namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The model budget (configuration section <c>Llm:Budget</c>), in US dollars at the providers' configured prices. A
/// limit left unset does not apply; with none set the budget costs nothing on the call path.
/// </summary>
public sealed class LlmBudgetOptions
{
    /// <summary>Most a UTC calendar day's model calls may cost, across runs and restarts.</summary>
    public decimal? MaxUsdPerDay { get; set; }

    /// <summary>Most one run's model calls may cost (a backtest, from its start to its end).</summary>
    public decimal? MaxUsdPerRun { get; set; }

    /// <summary>True when a limit applies.</summary>
    public bool IsLimited => MaxUsdPerDay is not null || MaxUsdPerRun is not null;

    /// <summary>Every problem with the limits, one sentence each naming its key; empty when valid.</summary>
    public IReadOnlyList<string> Errors()
    {
        var errors = new List<string>();
        if (MaxUsdPerDay is <= 0m)
        {
            errors.Add($"{ModelPipelineOptions.Section}:Budget:{nameof(MaxUsdPerDay)} must be positive (got {MaxUsdPerDay.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}); leave it unset for no daily limit");
        }

        if (MaxUsdPerRun is <= 0m)
        {
            errors.Add($"{ModelPipelineOptions.Section}:Budget:{nameof(MaxUsdPerRun)} must be positive (got {MaxUsdPerRun.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}); leave it unset for no per-run limit");
        }

        return errors;
    }
}
