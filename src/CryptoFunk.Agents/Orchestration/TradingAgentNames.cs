using CryptoFunk.Agents.Prompts;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// Checks that every <c>Trading</c> agent name has a prompt file (and is named once), so a typo stops a run at its
/// start with the key to fix instead of leaving an agent that abstains at every decision. Checked where decisions are
/// made, not at host start: <c>prompts list --dir</c> on a folder of drafts needs no trading agents.
/// </summary>
public static class TradingAgentNames
{
    /// <summary>Problems with the agent names of <paramref name="options"/>, each naming its key; empty when all are usable.</summary>
    public static IReadOnlyList<string> Errors(TradingOptions options, IPromptLibrary prompts)
    {
        var errors = new List<string>();
        Check(nameof(TradingOptions.AnalysisAgents), options.AnalysisAgents, prompts, errors);
        Check(nameof(TradingOptions.StrategyAgents), options.StrategyAgents, prompts, errors);
        Check(nameof(TradingOptions.RiskAgent), string.IsNullOrWhiteSpace(options.RiskAgent) ? [] : [options.RiskAgent], prompts, errors);
        return errors;
    }

    private static void Check(string key, IEnumerable<string> agents, IPromptLibrary prompts, List<string> errors)
    {
        foreach (var group in agents.GroupBy(a => a, StringComparer.Ordinal))
        {
            if (group.Count() > 1)
            {
                errors.Add($"{TradingOptions.Section}:{key} names '{group.Key}' more than once");
            }

            try
            {
                prompts.Get(group.Key);
            }
            catch (PromptUnavailableException e)
            {
                errors.Add($"{TradingOptions.Section}:{key}: {e.Message}");
            }
        }
    }
}
