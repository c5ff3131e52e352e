namespace CryptoFunk.Agents.Providers;

/// <summary>A provider's token prices in US dollars per million tokens, as configured (decimal: money is exact).</summary>
public sealed record LlmPricing(decimal InputUsdPerMillionTokens, decimal OutputUsdPerMillionTokens)
{
    /// <summary>No charge, e.g. a local model.</summary>
    public static LlmPricing Free { get; } = new(0m, 0m);

    /// <summary>The prices configured for <paramref name="options"/>.</summary>
    public static LlmPricing From(LlmProviderOptions options) =>
        new(options.InputUsdPerMillionTokens, options.OutputUsdPerMillionTokens);
}
