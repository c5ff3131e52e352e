using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// The configured providers in failover order, created once from <c>Llm:Providers</c>; empty when none is
/// configured (the agents then answer from the rules engine).
/// </summary>
public sealed class LlmProviderRegistry : IDisposable
{
    /// <summary>Creates every configured provider; invalid configuration fails here with the keys named.</summary>
    public LlmProviderRegistry(IOptions<LlmOptions> options, LlmProviderFactory factory)
    {
        var configured = options.Value.Providers;
        var providers = new List<LlmProvider>(configured.Count);
        try
        {
            for (var i = 0; i < configured.Count; i++)
            {
                providers.Add(factory.Create(configured[i], $"{LlmOptions.SectionName}:Providers:{i}"));
            }
        }
        catch
        {
            providers.ForEach(p => p.Dispose());
            throw;
        }

        Providers = providers;
    }

    private LlmProviderRegistry(IReadOnlyList<LlmProvider> providers) => Providers = providers;

    /// <summary>A registry of providers built elsewhere (in-process clients for benchmarks and embedding).</summary>
    public static LlmProviderRegistry Of(params IReadOnlyList<LlmProvider> providers) => new(providers);

    /// <summary>The providers, first preferred.</summary>
    public IReadOnlyList<LlmProvider> Providers { get; }

    /// <summary>The provider with id <paramref name="id"/> (case-insensitive), or null.</summary>
    public LlmProvider? Find(string id) =>
        Providers.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Releases every provider's client.</summary>
    public void Dispose()
    {
        foreach (var provider in Providers)
        {
            provider.Dispose();
        }
    }
}
