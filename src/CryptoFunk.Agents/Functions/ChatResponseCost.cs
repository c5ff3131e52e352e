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

    /// <summary>
    /// A shallow copy of <paramref name="response"/> carrying <paramref name="costUsd"/>, leaving the original as it
    /// was: a cached answer is shared between callers and must not be changed by one of them.
    /// </summary>
    public static ChatResponse WithCost(ChatResponse response, decimal costUsd)
    {
        var properties = response.AdditionalProperties is null ? new AdditionalPropertiesDictionary() : new AdditionalPropertiesDictionary(response.AdditionalProperties);
        properties[Key] = costUsd;
        return new ChatResponse(response.Messages)
        {
            ResponseId = response.ResponseId,
            ConversationId = response.ConversationId,
            ModelId = response.ModelId,
            CreatedAt = response.CreatedAt,
            FinishReason = response.FinishReason,
            Usage = response.Usage,
            RawRepresentation = response.RawRepresentation,
            AdditionalProperties = properties,
        };
    }
}
