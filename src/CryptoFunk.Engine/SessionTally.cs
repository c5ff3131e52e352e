using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine;

/// <summary>What a session has done so far, counted as it goes so a summary never re-reads the database.</summary>
public sealed class SessionTally
{
    /// <summary>Group decisions made.</summary>
    public int Decisions { get; private set; }

    /// <summary>Group decisions in which an agent failed, abstained or answered from a fallback.</summary>
    public int DegradedDecisions { get; private set; }

    /// <summary>Group decisions by action (BUY, SELL, HOLD, CLOSE).</summary>
    public SortedDictionary<string, int> DecisionsByAction { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Decisions whose trade a check refused, by the refusal's stable code (<see cref="RefusalCodes"/>); a decision
    /// refused for two reasons counts under both.
    /// </summary>
    public SortedDictionary<string, int> RefusalsByReason { get; } = new(StringComparer.Ordinal);

    /// <summary>Approved entries whose requested quantity a hard limit cut, by the limit (snake_case <see cref="RiskLimit"/>).</summary>
    public SortedDictionary<string, int> ClampsByLimit { get; } = new(StringComparer.Ordinal);

    /// <summary>Agent decisions by where the answer came from (<c>llm:…</c>, cache, replay, rules, hold).</summary>
    public SortedDictionary<string, int> AgentDecisionsBySource { get; } = new(StringComparer.Ordinal);

    /// <summary>Model calls by how they were served (provider, cache, replay).</summary>
    public ModelCallCounts ModelCalls { get; private set; }

    /// <summary>Tokens read by models.</summary>
    public long InputTokens { get; private set; }

    /// <summary>Tokens written by models.</summary>
    public long OutputTokens { get; private set; }

    /// <summary>Model cost in US dollars.</summary>
    public decimal CostUsd { get; private set; }

    /// <summary>Fees paid to the (paper) exchange.</summary>
    public decimal FeesPaid { get; internal set; }

    private readonly List<ClosedTrade> _closedTrades = [];

    /// <summary>Closed trades, oldest first.</summary>
    public IReadOnlyList<ClosedTrade> ClosedTrades => _closedTrades;

    internal void Closed(ClosedTrade trade) => _closedTrades.Add(trade);

    /// <summary>Starts from what an earlier process of the same run counted and stored.</summary>
    internal void Restore(StoredDecisionCounts counts)
    {
        Decisions = counts.ByAction.Values.Sum();
        DegradedDecisions = counts.Degraded;
        foreach (var (action, count) in counts.ByAction)
        {
            DecisionsByAction[action] = count;
        }

        foreach (var (source, count) in counts.AgentsBySource)
        {
            AgentDecisionsBySource[source] = count;
        }

        foreach (var (code, count) in counts.RefusalsByReason)
        {
            RefusalsByReason[code] = count;
        }

        foreach (var (limit, count) in counts.ClampsByLimit)
        {
            ClampsByLimit[limit] = count;
        }

        InputTokens = counts.InputTokens;
        OutputTokens = counts.OutputTokens;
        CostUsd = counts.CostUsd;
        ModelCalls = new ModelCallCounts(counts.CallsLive, counts.CallsCached, counts.CallsReplayed, counts.CallsRefused);
    }

    /// <summary>Counts a decision from its rows, as <see cref="Restore"/> counts the stored ones.</summary>
    internal void Count(TradingDecisionRecord decision)
    {
        Decisions++;
        DegradedDecisions += decision.Degraded ? 1 : 0;
        Increment(DecisionsByAction, decision.Action);
        foreach (var code in DecisionCodes.Split(decision.RefusalCodes))
        {
            Increment(RefusalsByReason, code);
        }

        foreach (var limit in DecisionCodes.Split(decision.ClampLimits))
        {
            Increment(ClampsByLimit, limit);
        }

        foreach (var agent in decision.Agents)
        {
            Increment(AgentDecisionsBySource, agent.Source);
            InputTokens += agent.PromptTokens;
            OutputTokens += agent.ResponseTokens;
            CostUsd += agent.CostUsd;
            ModelCalls += new ModelCallCounts(agent.CallsLive, agent.CallsCached, agent.CallsReplayed, agent.CallsRefused);
        }
    }

    private static void Increment(SortedDictionary<string, int> counts, string key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;
}
