namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>The model budget's limits and what was spent against them (calls under way count at their reservation).</summary>
/// <param name="MaxUsdPerRun">The per-run limit; null when none.</param>
/// <param name="MaxUsdPerDay">The daily limit; null when none.</param>
/// <param name="SpentThisRunUsd">Spent since the run began.</param>
/// <param name="SpentTodayUsd">Spent on the current UTC day, with what the call log held for it at start when a daily limit applies.</param>
public sealed record ModelBudgetStatus(decimal? MaxUsdPerRun, decimal? MaxUsdPerDay, decimal SpentThisRunUsd, decimal SpentTodayUsd)
{
    /// <summary>True when a limit applies.</summary>
    public bool IsLimited => MaxUsdPerRun is not null || MaxUsdPerDay is not null;
}
