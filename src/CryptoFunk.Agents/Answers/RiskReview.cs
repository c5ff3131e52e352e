using System.Text.Json;
using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.StructuredOutput;

namespace CryptoFunk.Agents.Answers;

/// <summary>The risk agent's verdict on the chosen proposal; code still applies the hard limits after it.</summary>
/// <param name="AgentName">The risk agent.</param>
/// <param name="Approved">Whether the trade may go ahead.</param>
/// <param name="AdjustedSize">A smaller quantity, or null to keep the proposed one.</param>
/// <param name="RiskScore">0 (safe) .. 1 (very risky).</param>
/// <param name="Reasoning">The assessment in words.</param>
/// <param name="Warnings">What worried the agent.</param>
public sealed record RiskReview(
    string AgentName,
    bool Approved,
    decimal? AdjustedSize,
    double RiskScore,
    string Reasoning,
    IReadOnlyList<string> Warnings) : AgentAnswer(AgentName)
{
    /// <summary>What the agent advises beyond the verdict.</summary>
    public IReadOnlyList<string> Recommendations { get; init; } = [];

    /// <summary>The verdict in <paramref name="response"/>, or null when the agent abstained.</summary>
    public static RiskReview? From(AgentResponse response)
    {
        if (response.Answer is RiskReview typed)
        {
            return typed;
        }

        if (response.Abstained || response.Output is not { } output)
        {
            return null;
        }

        return new RiskReview(
            response.AgentName,
            AgentOutput.Boolean(output, "approved"),
            AgentOutput.Decimal(output, "adjusted_size"),
            Math.Clamp(AgentOutput.Number(output, "risk_score"), 0, 1),
            AgentOutput.String(output, "reasoning") ?? string.Empty,
            AgentOutput.Strings(output, "warnings"))
        {
            Recommendations = AgentOutput.Strings(output, "recommendations"),
        };
    }

    /// <inheritdoc />
    protected override void Write(Utf8JsonWriter json)
    {
        json.WriteBoolean("approved", Approved);
        json.WriteNumberOrNull("adjusted_size", AdjustedSize);
        json.WriteString("reasoning", Reasoning);
        json.WriteNumber("risk_score", RiskScore);
        json.WriteStringArray("recommendations", Recommendations);
        json.WriteStringArray("warnings", Warnings);
    }
}
