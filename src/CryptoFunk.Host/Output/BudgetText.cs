using System.Globalization;
using CryptoFunk.Agents.ModelPipeline;

namespace CryptoFunk.Host.Output;

/// <summary>The model budget as every summary states it.</summary>
internal static class BudgetText
{
    /// <summary>One line with the limits, the spend against them and the calls refused; empty when no limit applies.</summary>
    public static string Format(ModelBudgetStatus budget, int refused)
    {
        if (!budget.IsLimited)
        {
            return string.Empty;
        }

        var limits = new List<string>();
        if (budget.MaxUsdPerRun is { } perRun)
        {
            limits.Add(Invariant($"${budget.SpentThisRunUsd:0.0000} of ${perRun:0.0000} per run"));
        }

        if (budget.MaxUsdPerDay is { } perDay)
        {
            limits.Add(Invariant($"${budget.SpentTodayUsd:0.0000} of ${perDay:0.0000} today"));
        }

        var outcome = refused == 0
            ? "no call refused"
            : Invariant($"{refused} calls refused, answered from rules or held (source budget)");
        return $"LLM budget: {string.Join(", ", limits)} spent; {outcome}\n";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
