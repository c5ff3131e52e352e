using System.Globalization;
using System.Text.Json;
using CryptoFunk.Engine;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Output;

/// <summary>
/// One decision as the design document's explainability view (section 7.2) lays it out: the decision and its
/// confidence, the agents and models, each agent's reasoning and key factors, the market as the agents saw it (with
/// the order book and futures sentiment of a live decision), the
/// vote, the chosen proposal, the risk agent's verdict, what code clamped or refused, the order, fills and outcome.
/// Everything comes from stored rows, so a decision months old explains the same as one just made.
/// </summary>
internal static class DecisionExplanationText
{
    private const string Indent = "  ";

    public static void Write(TextWriter output, DecisionExplanation explanation)
    {
        var decision = explanation.Decision;
        Header(output, decision);
        Agents(output, decision.Agents);
        Reasoning(output, decision.Agents);
        Market(output, decision);
        Vote(output, decision, explanation.Run);
        Proposal(output, decision);
        RiskAgent(output, decision.Agents);
        Clamps(output, decision);
        Order(output, explanation);
        Outcome(output, explanation);
    }

    private static void Header(TextWriter output, TradingDecisionRecord decision)
    {
        output.WriteLine(Invariant($"Decision {decision.Id}  run {decision.RunId}  {decision.Symbol}  {JournalText.Time(decision.DecisionTime)} UTC"));
        output.WriteLine($"DECISION: {decision.Action}{(decision.Degraded ? " (degraded: an agent failed or abstained)" : string.Empty)}");
        var proposer = decision.Agents.FirstOrDefault(a => a.AgentName == decision.ProposingAgent);
        var (confidence, basis) = proposer is not null
            ? ((double)proposer.Confidence, $"{proposer.AgentName}'s proposal")
            : (decision.ConsensusShare ?? 0, "the analysts' confidence-weighted vote");
        output.WriteLine($"Confidence: {JournalText.Fraction(confidence)} ({Level(confidence)}), from {basis}");
        output.WriteLine($"Why: {decision.Reason}");
    }

    private static void Agents(TextWriter output, IReadOnlyList<AgentDecisionRecord> agents)
    {
        Section(output, "AGENTS AND MODELS");
        var rows = agents.Select(a => new[]
        {
            a.AgentName, a.AgentType, a.Action, JournalText.Fraction(a.Confidence), a.Source,
            a.LlmModel == "none" ? a.LlmProvider : $"{a.LlmProvider}/{a.LlmModel}",
            Invariant($"{a.PromptTokens}/{a.ResponseTokens}"), Invariant($"{a.LatencyMs:0.0}"), Invariant($"{a.CostUsd:0.000000}"), a.PromptVersion ?? "-",
        }).ToList();
        using var table = new StringWriter(CultureInfo.InvariantCulture);
        Commands.TextTable.Write(table, ["agent", "type", "action", "confidence", "source", "model", "tokens in/out", "ms", "cost usd", "prompt"], rows);
        foreach (var line in table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            output.WriteLine(Indent + line.TrimEnd('\r'));
        }
    }

    private static void Reasoning(TextWriter output, IReadOnlyList<AgentDecisionRecord> agents)
    {
        Section(output, "REASONING AND KEY FACTORS");
        foreach (var agent in agents)
        {
            output.WriteLine($"{Indent}{agent.AgentName} ({agent.Action} {JournalText.Fraction(agent.Confidence)}):");
            output.WriteLine($"{Indent}{Indent}{agent.Reasoning}");
            if (agent.AbstainReason is { } abstained)
            {
                output.WriteLine($"{Indent}{Indent}abstained: {abstained}");
            }

            foreach (var factor in Strings(agent.KeyFactorsJson))
            {
                output.WriteLine($"{Indent}{Indent}• {factor}");
            }
        }
    }

    private static void Market(TextWriter output, TradingDecisionRecord decision)
    {
        Section(output, "MARKET CONTEXT (as the agents saw it)");
        if (decision.MarketDataJson is null || decision.IndicatorsJson is null)
        {
            output.WriteLine($"{Indent}not stored for this decision");
            return;
        }

        using var market = JsonDocument.Parse(decision.MarketDataJson);
        output.WriteLine(Indent + string.Join("  ", market.RootElement.EnumerateObject().Select(p => $"{p.Name} {Scalar(p.Value)}")));
        using var indicators = JsonDocument.Parse(decision.IndicatorsJson);
        foreach (var chunk in DecisionRecords.Indicators(indicators.RootElement).Chunk(5))
        {
            output.WriteLine(Indent + string.Join("  ", chunk.Select(p => $"{p.Name} {Scalar(p.Value)}")));
        }

        Book(output, decision.OrderBookJson);
        Sentiment(output, decision.SentimentJson);
    }

    /// <summary>The order book the agents saw: its time, best prices and spread, then every level as price×quantity.</summary>
    private static void Book(TextWriter output, string? bookJson)
    {
        if (bookJson is null)
        {
            output.WriteLine($"{Indent}order book: none at this decision");
            return;
        }

        using var book = JsonDocument.Parse(bookJson);
        var root = book.RootElement;
        var bids = root.GetProperty("bids").EnumerateArray().ToList();
        var asks = root.GetProperty("asks").EnumerateArray().ToList();
        var best = bids.Count > 0 && asks.Count > 0
            ? $": best bid {Level(bids[0])}, best ask {Level(asks[0])}, spread {JournalText.Amount(asks[0][0].GetDecimal() - bids[0][0].GetDecimal())}"
            : string.Empty;
        output.WriteLine($"{Indent}order book at {Scalar(root.GetProperty("time"))}, {bids.Count} bid and {asks.Count} ask levels{best}");
        foreach (var (side, levels) in new[] { ("bids", bids), ("asks", asks) })
        {
            foreach (var chunk in levels.Chunk(5))
            {
                output.WriteLine($"{Indent}{Indent}{side} {string.Join("  ", chunk.Select(Level))}");
            }
        }
    }

    /// <summary>The futures sentiment the agents saw, a line per part with its time.</summary>
    private static void Sentiment(TextWriter output, string? sentimentJson)
    {
        if (sentimentJson is null)
        {
            output.WriteLine($"{Indent}futures sentiment: none at this decision");
            return;
        }

        using var sentiment = JsonDocument.Parse(sentimentJson);
        output.WriteLine($"{Indent}futures sentiment:");
        foreach (var part in sentiment.RootElement.EnumerateObject())
        {
            var values = part.Value.ValueKind == JsonValueKind.Object
                ? string.Join(", ", part.Value.EnumerateObject().Select(p => $"{p.Name} {Scalar(p.Value)}"))
                : "not available";
            output.WriteLine($"{Indent}{Indent}{part.Name}: {values}");
        }
    }

    private static string Level(JsonElement level) => $"{Scalar(level[0])}×{Scalar(level[1])}";

    private static void Vote(TextWriter output, TradingDecisionRecord decision, TradingRunRecord run)
    {
        Section(output, "VOTE AND CONSENSUS");
        foreach (var analyst in decision.Agents.Where(a => a.AgentType == "analysis"))
        {
            output.WriteLine($"{Indent}{analyst.AgentName} {analyst.Action} {JournalText.Fraction(analyst.Confidence)}{(analyst.AbstainReason is null ? string.Empty : " (no vote)")}");
        }

        var threshold = Setting(run.SettingsJson, "consensus_threshold") is { } t ? $" (threshold {t})" : string.Empty;
        output.WriteLine(decision.ConsensusSignal is { } signal
            ? $"{Indent}consensus: {signal} with {JournalText.Fraction(decision.ConsensusShare ?? 0)} of the confidence-weighted vote{threshold}"
            : $"{Indent}consensus: none{threshold}");
    }

    private static void Proposal(TextWriter output, TradingDecisionRecord decision)
    {
        Section(output, "PROPOSALS AND THE CHOSEN ONE");
        var strategists = decision.Agents.Where(a => a.AgentType == "strategy").ToList();
        if (strategists.Count == 0)
        {
            output.WriteLine($"{Indent}no strategy agent was asked (no consensus to act on)");
            return;
        }

        foreach (var strategist in strategists)
        {
            var chosen = strategist.AgentName == decision.ProposingAgent ? "  <- chosen" : string.Empty;
            output.WriteLine($"{Indent}{strategist.AgentName} {strategist.Action} {JournalText.Fraction(strategist.Confidence)}{Levels(strategist.OutputJson)}{chosen}");
        }

        output.WriteLine(decision.ProposingAgent is { } proposer
            ? $"{Indent}why: ranked by confidence times reward/risk (capped at 5; closes by confidence); {proposer}: {decision.Agents.First(a => a.AgentName == proposer).Reasoning}"
            : $"{Indent}none chosen: no proposal fitted what the consensus and the position called for");
    }

    private static void RiskAgent(TextWriter output, IReadOnlyList<AgentDecisionRecord> agents)
    {
        Section(output, "RISK AGENT");
        var risk = agents.FirstOrDefault(a => a.AgentType == "risk");
        if (risk is null)
        {
            output.WriteLine($"{Indent}not asked (no proposal to review)");
            return;
        }

        output.WriteLine($"{Indent}{risk.AgentName}: {risk.Action} (risk score {JournalText.Fraction(1m - risk.Confidence)}){Field(risk.OutputJson, "adjusted_size", "adjusted size")}");
        output.WriteLine($"{Indent}{risk.Reasoning}");
        foreach (var warning in Strings(risk.KeyFactorsJson))
        {
            output.WriteLine($"{Indent}• {warning}");
        }
    }

    private static void Clamps(TextWriter output, TradingDecisionRecord decision)
    {
        Section(output, "CODE'S CLAMPS AND REFUSALS");
        output.WriteLine($"{Indent}refusals: {Codes(decision.RefusalCodes)}; clamps: {Codes(decision.ClampLimits)}");
        if (decision.RiskJson is null)
        {
            output.WriteLine($"{Indent}no trade reached the risk gate");
            return;
        }

        using var risk = JsonDocument.Parse(decision.RiskJson);
        var root = risk.RootElement;
        output.WriteLine($"{Indent}risk gate: {(root.TryGetProperty("approved", out var approved) && approved.ValueKind == JsonValueKind.True ? "approved" : "refused")}, quantity {Scalar(root.GetProperty("quantity"))}");
        foreach (var list in new[] { "refusals", "rejections", "clamps" })
        {
            if (root.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    output.WriteLine($"{Indent}{list[..^1]}: {(item.ValueKind == JsonValueKind.Object ? string.Join(", ", item.EnumerateObject().Select(p => $"{p.Name} {Scalar(p.Value)}")) : Scalar(item))}");
                }
            }
        }

        foreach (var part in new[] { "metrics", "sizing" })
        {
            if (root.TryGetProperty(part, out var values) && values.ValueKind == JsonValueKind.Object)
            {
                output.WriteLine($"{Indent}{part}: {string.Join(", ", values.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Array)).Select(p => $"{p.Name} {Scalar(p.Value)}"))}");
            }
        }
    }

    private static void Order(TextWriter output, DecisionExplanation explanation)
    {
        Section(output, "ORDER AND FILLS");
        if (explanation.Orders.Count == 0)
        {
            output.WriteLine($"{Indent}no order was placed");
            return;
        }

        foreach (var order in explanation.Orders)
        {
            output.WriteLine($"{Indent}order {order.ClientOrderId}: {order.Side.ToString().ToLowerInvariant()} {order.Type.ToString().ToLowerInvariant()} {JournalText.Amount(order.Quantity)}, stop {JournalText.Amount(order.StopLoss)}, take profit {JournalText.Amount(order.TakeProfit)}, status {order.Status}{(order.StatusReason is { } why ? $" ({why})" : string.Empty)}");
        }

        foreach (var fill in explanation.Fills)
        {
            output.WriteLine($"{Indent}fill {fill.FillId} {JournalText.Time(fill.Time)}: {fill.Side.ToString().ToLowerInvariant()} {JournalText.Amount(fill.Quantity)} at {JournalText.Amount(fill.Price)}, fee {JournalText.Money(fill.Fee)}, slippage {JournalText.Money(fill.SlippageCost)} ({fill.Reason})");
        }
    }

    private static void Outcome(TextWriter output, DecisionExplanation explanation)
    {
        Section(output, "OUTCOME");
        if (explanation.Trade is not { } trade)
        {
            output.WriteLine($"{Indent}status: {(explanation.Orders.Count == 0 ? "not executed" : "no position came of the order")}");
            return;
        }

        output.WriteLine($"{Indent}status: {(trade.ClosedAt is null ? "open" : "closed")}");
        output.WriteLine($"{Indent}entry: {JournalText.Amount(trade.EntryPrice)} at {JournalText.Time(trade.OpenedAt)} ({trade.Side.ToString().ToLowerInvariant()} {JournalText.Amount(trade.Quantity)})");
        if (trade.ClosedAt is { } closed)
        {
            output.WriteLine($"{Indent}exit: {JournalText.Amount(trade.ExitPrice)} at {JournalText.Time(closed)} ({trade.ExitReason})");
            output.WriteLine($"{Indent}P&L: {JournalText.Money(trade.Pnl)} ({JournalText.Percent(trade.PnlPercent)}), held {closed - trade.OpenedAt:d'd 'h'h 'm'm'}");
        }
    }

    private static void Section(TextWriter output, string title)
    {
        output.WriteLine();
        output.WriteLine(title);
    }

    private static string Level(double confidence) => confidence >= 0.7 ? "High" : confidence >= 0.4 ? "Medium" : "Low";

    private static string Codes(string? list) => list is null ? "none" : string.Join(", ", JournalText.Codes(list));

    private static string[] Strings(string json) =>
        JsonSerializer.Deserialize<JsonElement>(json) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Select(Scalar)] : [];

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "-",
        JsonValueKind.Number when value.TryGetDecimal(out var number) => number.ToString("0.##########", CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    private static string? Setting(string? settingsJson, string name)
    {
        if (settingsJson is null)
        {
            return null;
        }

        using var settings = JsonDocument.Parse(settingsJson);
        return settings.RootElement.TryGetProperty(name, out var value) ? Scalar(value) : null;
    }

    /// <summary>A proposal's entry, stop and target from its stored answer, with the reward/risk they make.</summary>
    private static string Levels(string? outputJson)
    {
        if (outputJson is null)
        {
            return string.Empty;
        }

        using var answer = JsonDocument.Parse(outputJson);
        decimal? Price(string name) => answer.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;
        var (entry, stop, target) = (Price("entry_price"), Price("stop_loss"), Price("take_profit"));
        if (entry is null)
        {
            return string.Empty;
        }

        var ratio = stop is { } s && target is { } t && s != entry ? $", reward/risk {JournalText.Amount(decimal.Round(Math.Abs(t - entry.Value) / Math.Abs(entry.Value - s), 2))}" : string.Empty;
        return $": entry {JournalText.Amount(entry)}, stop {JournalText.Amount(stop)}, take profit {JournalText.Amount(target)}{ratio}";
    }

    private static string Field(string? outputJson, string name, string label)
    {
        if (outputJson is null)
        {
            return string.Empty;
        }

        using var answer = JsonDocument.Parse(outputJson);
        return answer.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? $", {label} {Scalar(value)}" : string.Empty;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
