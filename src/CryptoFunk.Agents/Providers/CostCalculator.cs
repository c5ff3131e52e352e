using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// What a call cost in US dollars, from the token counts the provider reported and the configured prices; the
/// basis of the <c>llm_costs_total_usd</c> metric and the per-decision cost.
/// </summary>
public static class CostCalculator
{
    private const decimal TokensPerMillion = 1_000_000m;

    /// <summary>
    /// Input tokens (cached ones included, as providers count them) at the input price plus output tokens
    /// (reasoning included) at the output price; a missing count costs nothing, so unknown usage is zero.
    /// </summary>
    public static decimal Calculate(UsageDetails? usage, LlmPricing pricing)
    {
        if (usage is null)
        {
            return 0m;
        }

        var input = (decimal)(usage.InputTokenCount ?? 0) * pricing.InputUsdPerMillionTokens;
        var output = (decimal)(usage.OutputTokenCount ?? 0) * pricing.OutputUsdPerMillionTokens;
        return (input + output) / TokensPerMillion;
    }
}
