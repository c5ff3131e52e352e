using System.Text.Json;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.StructuredOutput;

namespace CryptoFunk.Agents.Answers;

/// <summary>An analysis agent's vote: the one signal type every analysis agent answers with.</summary>
/// <param name="AgentName">The agent that voted.</param>
/// <param name="Signal">BUY, SELL or HOLD.</param>
/// <param name="Confidence">0..1; the vote's weight.</param>
/// <param name="Reasoning">Why, in words.</param>
/// <param name="KeyFactors">The observations behind it.</param>
/// <param name="RiskLevel">LOW, MEDIUM or HIGH.</param>
public sealed record AnalysisSignal(
    string AgentName,
    TradeAction Signal,
    double Confidence,
    string Reasoning,
    IReadOnlyList<string> KeyFactors,
    string? RiskLevel) : AgentAnswer(AgentName)
{
    /// <summary>The signal in <paramref name="response"/>, or null when the agent abstained or its answer is not a signal.</summary>
    public static AnalysisSignal? From(AgentResponse response)
    {
        if (response.Answer is AnalysisSignal typed)
        {
            return typed;
        }

        if (response.Abstained || response.Output is not { } output || TradeActions.Parse(AgentOutput.String(output, "signal")) is not { } signal)
        {
            return null;
        }

        return new AnalysisSignal(
            response.AgentName,
            signal,
            Math.Clamp(AgentOutput.Number(output, "confidence"), 0, 1),
            AgentOutput.String(output, "reasoning") ?? string.Empty,
            AgentOutput.Strings(output, "key_factors"),
            AgentOutput.String(output, "risk_level"));
    }

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter json)
    {
        json.WriteString("signal", Signal.ToWire());
        json.WriteNumber("confidence", Confidence);
        json.WriteString("reasoning", Reasoning);
        json.WriteStringArray("key_factors", KeyFactors);
        json.WriteString("risk_level", RiskLevel);
    }
}
