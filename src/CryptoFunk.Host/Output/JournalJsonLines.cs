using System.Buffers;
using System.Text;
using System.Text.Json;
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
        json.WriteNumber("id", decision.Id);
        json.WriteString("run", decision.RunId);
        json.WriteString("symbol", decision.Symbol);
        json.WriteString("time", UtcTimestamp.Format(decision.DecisionTime));
        json.WriteString("action", decision.Action);
        json.WriteString("reason", decision.Reason);
        json.WriteBoolean("degraded", decision.Degraded);
        json.WriteString("consensus_signal", decision.ConsensusSignal);
        Number(json, "consensus_share", decision.ConsensusShare);
        json.WriteString("proposing_agent", decision.ProposingAgent);
        Number(json, "quantity", decision.Quantity);
        Number(json, "entry_price", decision.EntryPrice);
        Number(json, "stop_loss", decision.StopLoss);
        Number(json, "take_profit", decision.TakeProfit);
        json.WriteString("order_id", decision.OrderId);
        Strings(json, "refusals", JournalText.Codes(decision.RefusalCodes));
        Strings(json, "clamps", JournalText.Codes(decision.ClampLimits));
        json.WriteBoolean("executed", decision.Executed);
        Number(json, "exit_price", decision.ExitPrice);
        Number(json, "pnl", decision.Pnl);
        Number(json, "pnl_percent", decision.PnlPercent);
        json.WriteStartArray("agents");
        foreach (var agent in decision.Agents)
        {
            json.WriteStartObject();
            json.WriteString("name", agent.AgentName);
            json.WriteString("type", agent.AgentType);
            json.WriteString("action", agent.Action);
            json.WriteNumber("confidence", agent.Confidence);
            json.WriteString("source", agent.Source);
            json.WriteBoolean("degraded", agent.Degraded);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    });

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
        Number(json, "stop_loss", position.StopLoss);
        Number(json, "take_profit", position.TakeProfit);
        json.WriteString("closed_at", position.ClosedAt is { } closed ? UtcTimestamp.Format(closed) : null);
        Number(json, "exit_price", position.ExitPrice);
        Number(json, "pnl", position.Pnl);
        Number(json, "pnl_percent", position.PnlPercent);
        json.WriteString("exit_reason", position.ExitReason);
        Strings(json, "opening_orders", JsonSerializer.Deserialize<string[]>(position.OpeningOrderIdsJson) ?? []);
        Number(json, "decision_id", trade.DecisionId);
    });

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

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
