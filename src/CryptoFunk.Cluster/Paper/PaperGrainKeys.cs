using CryptoFunk.Markets;

namespace CryptoFunk.Cluster.Paper;

/// <summary>The keys of a paper account's grains.</summary>
public static class PaperGrainKeys
{
    /// <summary>The key of <paramref name="account"/>'s grain for <paramref name="symbol"/>: <c>NAME/BASE/QUOTE</c> (account names hold no '/').</summary>
    public static string Market(string account, MarketSymbol symbol) => $"{account}/{symbol}";
}
