using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// One ready-to-use provider: its id (<c>openai/gpt-4o-mini</c>, used in <c>llm:&lt;id&gt;</c> source labels), its
/// configuration without the key, its prices and the <see cref="IChatClient"/> that talks to it.
/// </summary>
public sealed class LlmProvider : IDisposable
{
    /// <summary>Wraps <paramref name="chatClient"/>; <paramref name="options"/> is copied without its API key.</summary>
    public LlmProvider(LlmProviderOptions options, IChatClient chatClient)
    {
        Options = options.WithoutApiKey();
        Id = Options.DisplayId;
        Pricing = LlmPricing.From(Options);
        ChatClient = chatClient;
    }

    /// <summary><c>&lt;name or type&gt;/&lt;model&gt;</c>.</summary>
    public string Id { get; }

    /// <summary>The configuration this provider was built from, with <see cref="LlmProviderOptions.ApiKey"/> removed.</summary>
    public LlmProviderOptions Options { get; }

    /// <summary>The configured token prices.</summary>
    public LlmPricing Pricing { get; }

    /// <summary>The client; failures surface as <see cref="LlmProviderException"/>.</summary>
    public IChatClient ChatClient { get; }

    /// <summary>The label decisions made through this provider carry: <c>llm:&lt;id&gt;</c>.</summary>
    public string SourceLabel => $"llm:{Id}";

    /// <summary>The US-dollar cost of a call that used <paramref name="usage"/>.</summary>
    public decimal CostOf(UsageDetails? usage) => CostCalculator.Calculate(usage, Pricing);

    /// <summary>Releases the client and its SDK.</summary>
    public void Dispose() => ChatClient.Dispose();

    /// <summary>The id, endpoint and limits; never the key.</summary>
    public override string ToString() => Options.ToString();
}
