using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Storage;

namespace CryptoFunk.Engine;

/// <summary>
/// Turns a <see cref="TradingDecision"/> into the rows the store keeps: the group's decision and one row per agent
/// with the design document's columns (action, confidence, provider and model, tokens, latency, cost, source, prompt
/// version, reasoning, key factors). The market data, indicators, features, order book and futures sentiment every
/// agent saw go on the decision, once.
/// </summary>
public static class DecisionRecords
{
    /// <summary>Where a value is missing: an agent that abstained has no action or provider.</summary>
    public const string None = "none";

    /// <summary>The action stored for an agent that gave no valid answer.</summary>
    public const string Abstain = "ABSTAIN";

    private static readonly JsonSerializerOptions RiskJsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The rows for <paramref name="decision"/> made on <paramref name="snapshot"/> in run <paramref name="runId"/>.</summary>
    public static TradingDecisionRecord From(
        string runId,
        TradingDecision decision,
        MarketSnapshot snapshot,
        DecisionParticipants participants,
        IReadOnlyList<double> features,
        string? orderId,
        DateTimeOffset createdAt)
    {
        var record = new TradingDecisionRecord
        {
            RunId = runId,
            Symbol = decision.Symbol.ToString(),
            DecisionTime = decision.DecisionTime,
            Action = decision.Action.ToWire(),
            Reason = decision.Reason,
            Degraded = decision.Degraded,
            ConsensusSignal = decision.Consensus?.MajoritySignal?.ToWire(),
            ConsensusShare = decision.Consensus?.Share,
            ProposingAgent = decision.Proposal?.AgentName,
            Quantity = decision.Quantity == 0m ? null : decision.Quantity,
            EntryPrice = decision.Trade?.EntryPrice,
            StopLoss = decision.Trade?.StopLoss,
            TakeProfit = decision.Trade?.TakeProfit,
            RiskJson = decision.Risk is null ? null : JsonSerializer.Serialize(decision.Risk, RiskJsonOptions),
            OrderId = orderId,
            RefusalCodes = DecisionCodes.Join(DecisionCodes.Refusals(decision)),
            ClampLimits = DecisionCodes.Join(DecisionCodes.Clamps(decision)),
            MarketDataJson = MarketDataJson(snapshot),
            IndicatorsJson = IndicatorsJson(snapshot.Indicators),
            Features = decision.IsEntry ? [.. features] : null,
            OrderBookJson = OrderBookJson(snapshot.OrderBook),
            SentimentJson = SentimentJson(snapshot.Sentiment),
            CreatedAt = createdAt,
        };
        foreach (var response in decision.Responses)
        {
            record.Agents.Add(Agent(runId, decision, response, participants.RoleOf(response.AgentName)));
        }

        return record;
    }

    private static AgentDecisionRecord Agent(
        string runId,
        TradingDecision decision,
        AgentResponse response,
        AgentRole role)
    {
        var (provider, model) = ProviderAndModel(response.Source);
        var (action, confidence, reasoning, factors) = Read(response, role);
        var abstained = action == Abstain;
        return new AgentDecisionRecord
        {
            RunId = runId,
            Timestamp = decision.DecisionTime,
            Symbol = decision.Symbol.ToString(),
            AgentName = response.AgentName,
            AgentType = role.ToString().ToLowerInvariant(),
            Action = action,
            Confidence = confidence,
            LlmProvider = provider,
            LlmModel = model,
            PromptTokens = response.Usage?.InputTokenCount ?? 0,
            ResponseTokens = response.Usage?.OutputTokenCount ?? 0,
            LatencyMs = response.Latency.TotalMilliseconds,
            CostUsd = response.CostUsd,
            Reasoning = reasoning,
            KeyFactorsJson = factors,
            Source = response.Source.Value,
            Degraded = response.Degraded,
            PromptVersion = response.PromptVersion,
            AbstainReason = response.AbstainReason,
            OutputJson = abstained ? response.Output?.GetRawText() : Rest(response, role),
            CallsLive = response.Calls.Live,
            CallsCached = response.Calls.Cached,
            CallsReplayed = response.Calls.Replayed,
            CallsRefused = response.Calls.Refused,
        };
    }

    /// <summary>
    /// Action, confidence, reasoning and key factors (a JSON array, as the agent wrote it) as the design table keeps
    /// them. The risk agent's action is APPROVE or REJECT, its confidence one minus its risk score and its key factors
    /// its warnings; an abstention is ABSTAIN with confidence 0.
    /// </summary>
    private static (string Action, decimal Confidence, string Reasoning, string FactorsJson) Read(AgentResponse response, AgentRole role)
    {
        string Raw(string name) => response.Output is { } o && o.TryGetProperty(name, out var v) ? v.GetRawText() : "[]";
        switch (role)
        {
            case AgentRole.Analysis when AnalysisSignal.From(response) is { } signal:
                return (signal.Signal.ToWire(), Confidence(signal.Confidence), signal.Reasoning, Raw("key_factors"));
            case AgentRole.Strategy when StrategyProposal.From(response) is { } proposal:
                return (proposal.Action.ToWire(), Confidence(proposal.Confidence), proposal.Reasoning, "[]");
            case AgentRole.Risk when RiskReview.From(response) is { } review:
                return (review.Approved ? "APPROVE" : "REJECT", Confidence(1 - review.RiskScore), review.Reasoning, Raw("warnings"));
            default:
                return (Abstain, 0m, response.AbstainReason ?? "no valid answer", "[]");
        }
    }

    /// <summary>
    /// The answer's fields that <see cref="Read"/> did not put in a column of their own (risk level, a strategy's
    /// levels, the risk agent's score and adjustments), as the agent wrote them; null when nothing is left. The rest is
    /// not stored twice: at one decision an hour it would double the agents' rows. An abstention keeps whatever came.
    /// </summary>
    private static string? Rest(AgentResponse response, AgentRole role)
    {
        if (response.Output is not { ValueKind: JsonValueKind.Object } output)
        {
            return null;
        }

        var inColumns = role switch
        {
            AgentRole.Analysis => AnalysisColumns,
            AgentRole.Strategy => StrategyColumns,
            AgentRole.Risk => RiskColumns,
            _ => [],
        };
        var rest = output.EnumerateObject().Where(field => !inColumns.Contains(field.Name)).ToList();
        return rest.Count == 0 ? null : WriteObject(writer =>
        {
            foreach (var field in rest)
            {
                field.WriteTo(writer);
            }
        });
    }

    // The answer fields Read puts in columns of their own, per role.
    private static readonly string[] AnalysisColumns = ["signal", "confidence", "reasoning", "key_factors"];
    private static readonly string[] StrategyColumns = ["action", "confidence", "reasoning"];
    private static readonly string[] RiskColumns = ["reasoning", "warnings"];

    private static decimal Confidence(double value) => decimal.Round((decimal)value, 4);

    /// <summary><c>llm:openai/gpt-4o</c> is provider <c>openai</c>, model <c>gpt-4o</c>; other sources name themselves with no model.</summary>
    private static (string Provider, string Model) ProviderAndModel(ResponseSource source)
    {
        if (!source.IsLlm)
        {
            return (source.Value, None);
        }

        var id = source.Value["llm:".Length..];
        var slash = id.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (id, None) : (id[..slash], id[(slash + 1)..]);
    }

    /// <summary>The last closed candle the decision saw, as JSON; its symbol and time are the decision's columns.</summary>
    private static string MarketDataJson(MarketSnapshot snapshot)
    {
        var candle = snapshot.LastCandle;
        return WriteObject(writer =>
        {
            writer.WriteString("candle_open_time", UtcTimestamp.Format(candle.OpenTime));
            writer.WriteNumber("open", candle.Open);
            writer.WriteNumber("high", candle.High);
            writer.WriteNumber("low", candle.Low);
            writer.WriteNumber("close", candle.Close);
            writer.WriteNumber("volume", candle.Volume);
        });
    }

    /// <summary>
    /// The indicators the decision saw, as a JSON array in the order of <see cref="IndicatorTable.ColumnNames"/> (the
    /// <c>indicators</c> command's columns), to nine significant digits, warm-up values null: more than any context
    /// shows, and names and seventeen digits would make them half of a decision's row. <see cref="Indicators"/> reads them.
    /// </summary>
    private static string IndicatorsJson(IndicatorValues values)
    {
        var all = values.ToColumns();
        return Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var value in all)
            {
                if (double.IsFinite(value))
                {
                    writer.WriteNumberValue(double.Parse(value.ToString("G9", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>
    /// The stored indicators by name: the array written now, or the object of names and values decisions stored before.
    /// </summary>
    public static IEnumerable<(string Name, JsonElement Value)> Indicators(JsonElement stored) =>
        stored.ValueKind == JsonValueKind.Array
            ? stored.EnumerateArray().Zip(IndicatorTable.ColumnNames, (value, name) => (name, value))
            : stored.EnumerateObject().Select(p => (p.Name, p.Value));

    /// <summary>
    /// The order book the decision saw, compact: its time and every level fetched as <c>[price, quantity]</c>, best
    /// first; null when there was none, so decisions on candles alone store nothing.
    /// </summary>
    public static string? OrderBookJson(OrderBook? book) => book is null ? null : WriteObject(writer =>
    {
        writer.WriteString("time", UtcTimestamp.Format(book.Time));
        WriteLevels(writer, "bids", book.Bids);
        WriteLevels(writer, "asks", book.Asks);
    });

    /// <summary>The futures sentiment the decision saw, each part with its time or null when missing; null when there was none.</summary>
    public static string? SentimentJson(FuturesSentiment? sentiment) => sentiment is null ? null : WriteObject(writer =>
    {
        WritePart(writer, "funding", sentiment.Funding, funding =>
        {
            WriteAmount(writer, "rate", funding.Rate);
            writer.WriteString("time", UtcTimestamp.Format(funding.Time));
        });
        WritePart(writer, "open_interest", sentiment.OpenInterest, interest =>
        {
            WriteAmount(writer, "quantity", interest.Quantity);
            WriteAmount(writer, "value", interest.Value);
            if (interest.PreviousQuantity is { } previous)
            {
                WriteAmount(writer, "previous_quantity", previous);
            }

            writer.WriteString("time", UtcTimestamp.Format(interest.Time));
        });
        WritePart(writer, "long_short", sentiment.LongShort, ratio =>
        {
            WriteAmount(writer, "ratio", ratio.Ratio);
            WriteAmount(writer, "long_share", ratio.LongShare);
            WriteAmount(writer, "short_share", ratio.ShortShare);
            writer.WriteString("time", UtcTimestamp.Format(ratio.Time));
        });
    });

    private static void WritePart<T>(Utf8JsonWriter writer, string name, T? part, Action<T> properties)
        where T : class
    {
        if (part is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        properties(part);
        writer.WriteEndObject();
    }

    private static void WriteLevels(Utf8JsonWriter writer, string name, IReadOnlyList<OrderBookLevel> levels)
    {
        writer.WriteStartArray(name);
        foreach (var level in levels)
        {
            writer.WriteStartArray();
            writer.WriteRawValue(Exact(level.Price), skipInputValidation: true);
            writer.WriteRawValue(Exact(level.Quantity), skipInputValidation: true);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void WriteAmount(Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(Exact(value), skipInputValidation: true);
    }

    /// <summary>A decimal exactly, without the trailing zeros exchanges pad to eight places: storage stays small.</summary>
    private static string Exact(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static string WriteObject(Action<Utf8JsonWriter> properties) => Write(writer =>
    {
        writer.WriteStartObject();
        properties(writer);
        writer.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> value)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
