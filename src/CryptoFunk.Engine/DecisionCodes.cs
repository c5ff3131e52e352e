using System.Text.Json;
using CryptoFunk.Agents.Orchestration;

namespace CryptoFunk.Engine;

/// <summary>
/// The stable codes a decision is counted under: why its trade was refused and which limits clamped it. Spelled once,
/// so the summary's counts and the stored decision (from which a resumed run counts again) always agree.
/// </summary>
public static class DecisionCodes
{
    /// <summary>The distinct refusal codes of <paramref name="decision"/>, in order.</summary>
    public static IReadOnlyList<string> Refusals(TradingDecision decision) => [.. decision.Refusals.Select(r => r.Code).Distinct()];

    /// <summary>The distinct limits that clamped <paramref name="decision"/>'s quantity, in snake case.</summary>
    public static IReadOnlyList<string> Clamps(TradingDecision decision) =>
        [.. (decision.Risk?.Clamps ?? []).Select(c => c.Limit).Distinct().Select(limit => JsonNamingPolicy.SnakeCaseLower.ConvertName(limit.ToString()))];

    /// <summary>Codes as stored: space-separated, null when none.</summary>
    public static string? Join(IReadOnlyList<string> codes) => codes.Count == 0 ? null : string.Join(' ', codes);

    /// <summary>Codes as <see cref="Join"/> stored them, back as a list; empty when none.</summary>
    public static IReadOnlyList<string> Split(string? codes) => codes is null ? [] : codes.Split(' ');
}
