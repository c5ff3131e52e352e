using CryptoFunk.Agents.Providers;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The model budget in front of one provider, where a request is about to cost money: below the cache and replay,
/// which cost nothing and are never held back, and above the provider's resilience. Before a call goes to the provider
/// it reserves the call's worst case (<see cref="WorstCaseCost"/>) at this provider's prices; once answered the
/// reservation becomes the answer's real cost, and a call that fails gives it back (a failed request bills no
/// tokens, so the reservation also covers the provider's retries). A call the budget cannot cover never reaches the
/// provider: it fails as <see cref="LlmUnavailableException"/> marked <see cref="LlmUnavailableException.BudgetExhausted"/>
/// with source <c>budget</c>, which failover does not pass to another provider, since the budget is the same for all.
/// </summary>
public sealed class BudgetChatClient(IChatClient innerClient, LlmProvider provider, ModelBudget budget)
    : PipelineChatClient(innerClient)
{
    /// <inheritdoc />
    protected override async Task<ChatResponse> AnswerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var worstCase = budget.IsLimited ? WorstCaseCost.Of(messages, options, provider) : 0m;
        var reservation = await budget.ReserveAsync(worstCase, cancellationToken);
        if (reservation.Refusal is { } refusal)
        {
            if (ModelCall.Of(options) is { } call)
            {
                call.Source = ResponseSource.Budget;
            }

            throw new LlmUnavailableException($"no LLM answered: {refusal}", [refusal], budgetExhausted: true);
        }

        try
        {
            var response = await InnerClient.GetResponseAsync(messages, options, cancellationToken);
            reservation.Settle(provider.CostOf(response.Usage));
            return response;
        }
        finally
        {
            reservation.Release();
        }
    }
}
