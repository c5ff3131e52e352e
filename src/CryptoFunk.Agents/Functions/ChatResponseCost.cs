using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Functions;

/// <summary>
/// Carries the US-dollar cost of a provider call on the <see cref="ChatResponse"/> itself, so every layer that
/// combines responses (tool rounds, repair retries) can add costs up without knowing prices.
/// </summary>
public static class ChatResponseCost
{
    /// <summary>The additional-properties key holding the cost.</summary>
    public const string Key = "cryptofunk.cost_usd";

    /// <summary>The cost recorded on <paramref name="response"/>, zero when none was.</summary>
    public static decimal Of(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(Key, out var value) == true && value is decimal cost ? cost : 0m;

    /// <summary>Records <paramref name="costUsd"/> on <paramref name="response"/>.</summary>
    public static void Set(ChatResponse response, decimal costUsd) =>
        (response.AdditionalProperties ??= [])[Key] = costUsd;
}
