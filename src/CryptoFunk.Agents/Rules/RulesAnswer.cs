using System.Text.Json;

namespace CryptoFunk.Agents.Rules;

/// <summary>A rules-engine answer: the JSON in the agent's schema and the reasoning in words.</summary>
public sealed record RulesAnswer(JsonElement Output, string Reasoning);
