using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Engine;

/// <summary>
/// The exchange's order rules a run trades under, as its stored settings hold them (<c>exchange_rules</c>), so its
/// orders and refusals can be read against the rules they were held to, live ones fetched at the start included.
/// </summary>
internal static class ExchangeRulesSetting
{
    /// <summary>The settings key.</summary>
    public const string Key = "exchange_rules";

    /// <summary>The rules of each of <paramref name="symbols"/>, keyed by symbol, in snake_case like every setting.</summary>
    public static Dictionary<string, Dictionary<string, decimal>> Of(IEnumerable<MarketSymbol> symbols, ExchangeRuleBook rules) =>
        symbols.ToDictionary(
            symbol => symbol.ToString(),
            symbol =>
            {
                var r = rules.For(symbol);
                return new Dictionary<string, decimal>
                {
                    ["min_quantity"] = r.MinQuantity,
                    ["step_size"] = r.StepSize,
                    ["min_notional"] = r.MinNotional,
                    ["tick_size"] = r.TickSize,
                };
            });
}
