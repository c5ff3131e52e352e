using System.Buffers;
using System.Text.Json;
using System.Text;
using CryptoFunk.Agents.StructuredOutput;
using CryptoFunk.Engine;
using CryptoFunk.Markets;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Output;

/// <summary>
/// Decisions and trades as JSON Lines (one object per line, snake_case keys, exact decimals, ISO-8601 UTC times), for
/// scripts and for building data sets from what the agents decided.
/// </summary>
internal static class JournalJsonLines
{
    /// <summary>One decision with its agents' votes, its order and its outcome.</summary>
    public static string Decision(TradingDecisionRecord decision) => Line(json =>
    {
        WriteDecision(json, decision);
        json.WriteBoolean("executed", decision.Executed);
        json.WriteNumberOrNull("exit_price", decision.ExitPrice);
        json.WriteNumberOrNull("pnl", decision.Pnl);
        json.WriteNumberOrNull("pnl_percent", decision.PnlPercent);
        WriteAgents(json, decision.Agents, withReasoning: false);
    });

    /// <summary>
    /// One decision as a training example (the fields README's "Training data set" lists): the market and indicators
    /// the agents saw, each agent's vote and reasoning, the action and size, and the outcomes with the time each became
    /// known, so a model trained on it never learns from what was not yet known at the decision.
    /// </summary>
    public static string Dataset(DecisionDataset dataset, DatasetDecision row) => Line(json =>
    {
        var decision = row.Decision;
        WriteDecision(json, decision);
        json.WriteString("interval", dataset.Timeframe.Code);
        WriteRawOrNull(json, "market", decision.MarketDataJson);
        json.WriteStartObject("indicators");
        if (decision.IndicatorsJson is { } indicators)
        {
            using var stored = JsonDocument.Parse(indicators);
            foreach (var (name, value) in DecisionRecords.Indicators(stored.RootElement))
            {
                json.WritePropertyName(name);
                value.WriteTo(json);
            }
        }

        json.WriteEndObject();
        WriteRawOrNull(json, "order_book", decision.OrderBookJson);
        WriteRawOrNull(json, "sentiment", decision.SentimentJson);
        WriteAgents(json, decision.Agents, withReasoning: true);
        if (decision is { Executed: true, ExecutedAt: { } entered, HoldTimeSeconds: { } held, OutcomeKnownAt: { } tradeKnown })
        {
            json.WriteStartObject("trade");
            json.WriteString("entry_time", UtcTimestamp.Format(entered));
            json.WriteString("exit_time", UtcTimestamp.Format(entered.AddSeconds(held)));
            json.WriteNumberOrNull("exit_price", decision.ExitPrice);
            json.WriteNumberOrNull("pnl", decision.Pnl);
            json.WriteNumberOrNull("pnl_percent", decision.PnlPercent);
            json.WriteString("known_at", UtcTimestamp.Format(tradeKnown));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("trade");
        }

        if (row.Forward is { } forward)
        {
            json.WriteStartObject("forward");
            json.WriteNumber("bars", forward.Bars);
            json.WriteNumber("close", forward.Close);
            json.WriteNumber("return_percent", Math.Round(forward.ReturnPercent, 6));
            json.WriteString("known_at", UtcTimestamp.Format(forward.KnownAt));
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("forward");
        }
    });

    /// <summary>The decision's own fields, shared by <see cref="Decision"/> and <see cref="Dataset"/>.</summary>
    private static void WriteDecision(Utf8JsonWriter json, TradingDecisionRecord decision)
    {
        json.WriteNumber("id", decision.Id);
        json.WriteString("run", decision.RunId);
        json.WriteString("symbol", decision.Symbol);
        json.WriteString("time", UtcTimestamp.Format(decision.DecisionTime));
        json.WriteString("action", decision.Action);
        json.WriteString("reason", decision.Reason);
        json.WriteBoolean("degraded", decision.Degraded);
        json.WriteString("consensus_signal", decision.ConsensusSignal);
        json.WriteNumberOrNull("consensus_share", decision.ConsensusShare);
        json.WriteString("proposing_agent", decision.ProposingAgent);
        json.WriteNumberOrNull("quantity", decision.Quantity);
        json.WriteNumberOrNull("entry_price", decision.EntryPrice);
        json.WriteNumberOrNull("stop_loss", decision.StopLoss);
        json.WriteNumberOrNull("take_profit", decision.TakeProfit);
        json.WriteString("order_id", decision.OrderId);
        json.WriteStringArray("refusals", JournalText.Codes(decision.RefusalCodes));
        json.WriteStringArray("clamps", JournalText.Codes(decision.ClampLimits));
    }

    /// <summary>Each agent's vote; with its reasoning and key factors for a data set.</summary>
    private static void WriteAgents(Utf8JsonWriter json, IEnumerable<AgentDecisionRecord> agents, bool withReasoning)
    {
        json.WriteStartArray("agents");
        foreach (var agent in agents)
        {
            json.WriteStartObject();
            json.WriteString("name", agent.AgentName);
            json.WriteString("type", agent.AgentType);
            json.WriteString("action", agent.Action);
            json.WriteNumber("confidence", agent.Confidence);
            json.WriteString("source", agent.Source);
            json.WriteBoolean("degraded", agent.Degraded);
            if (withReasoning)
            {
                json.WriteString("reasoning", agent.Reasoning);
                json.WritePropertyName("key_factors");
                json.WriteRawValue(agent.KeyFactorsJson);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteRawOrNull(Utf8JsonWriter json, string name, string? rawJson)
    {
        json.WritePropertyName(name);
        if (rawJson is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteRawValue(rawJson);
        }
    }

    /// <summary>One trade (a position) with the decision that opened it.</summary>
    public static string Trade(TradeListing trade) => Line(json =>
    {
        var position = trade.Position;
        json.WriteString("run", position.RunId);
        json.WriteString("symbol", position.Symbol);
        json.WriteString("side", position.Side.ToString().ToLowerInvariant());
        json.WriteNumber("quantity", position.Quantity);
        json.WriteString("opened_at", UtcTimestamp.Format(position.OpenedAt));
        json.WriteNumber("entry_price", position.EntryPrice);
        json.WriteNumberOrNull("stop_loss", position.StopLoss);
        json.WriteNumberOrNull("take_profit", position.TakeProfit);
        json.WriteString("closed_at", position.ClosedAt is { } closed ? UtcTimestamp.Format(closed) : null);
        json.WriteNumberOrNull("exit_price", position.ExitPrice);
        json.WriteNumberOrNull("pnl", position.Pnl);
        json.WriteNumberOrNull("pnl_percent", position.PnlPercent);
        json.WriteString("exit_reason", position.ExitReason);
        json.WriteStringArray("opening_orders", JsonSerializer.Deserialize<string[]>(position.OpeningOrderIdsJson) ?? []);
        json.WriteNumberOrNull("decision_id", trade.DecisionId);
    });

    private static string Line(Action<Utf8JsonWriter> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
