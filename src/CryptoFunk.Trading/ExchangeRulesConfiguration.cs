using System.Globalization;
using CryptoFunk.Markets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Trading;

/// <summary>
/// Reads the exchange's order rules for replays and backtests from the <c>Exchange:Rules</c> section, on top of
/// Binance spot's published rules for BTC/USDT, ETH/USDT, BNB/USDT and SOL/USDT. A market is a key
/// <c>BASE_QUOTE</c> (<c>Exchange:Rules:BTC_USDT:MinQuantity</c>, environment
/// <c>CRYPTOFUNK_Exchange__Rules__BTC_USDT__MinQuantity</c>; the slash of <c>BTC/USDT</c> and colons have no place in
/// a key); <c>Default</c> is the fallback for every other market. Each of <c>MinQuantity</c>, <c>StepSize</c>,
/// <c>MinNotional</c> and <c>TickSize</c> may be set alone; what is not set keeps its built-in value.
/// </summary>
public static class ExchangeRulesConfiguration
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Exchange:Rules";

    /// <summary>The key of the fallback for markets not named.</summary>
    public const string DefaultKey = "Default";

    /// <summary>
    /// Binance spot's rules (exchange info, 2025): LOT_SIZE min quantity and step, NOTIONAL minimum of 5 USDT, price tick.
    /// </summary>
    public static IReadOnlyDictionary<MarketSymbol, ExchangeRules> BinanceSpot { get; } = new Dictionary<MarketSymbol, ExchangeRules>
    {
        [MarketSymbol.Parse("BTC/USDT")] = new(MinQuantity: 0.00001m, StepSize: 0.00001m, MinNotional: 5m, TickSize: 0.01m),
        [MarketSymbol.Parse("ETH/USDT")] = new(MinQuantity: 0.0001m, StepSize: 0.0001m, MinNotional: 5m, TickSize: 0.01m),
        [MarketSymbol.Parse("BNB/USDT")] = new(MinQuantity: 0.001m, StepSize: 0.001m, MinNotional: 5m, TickSize: 0.01m),
        [MarketSymbol.Parse("SOL/USDT")] = new(MinQuantity: 0.001m, StepSize: 0.001m, MinNotional: 5m, TickSize: 0.01m),
    };

    /// <summary>
    /// The fallback for other markets: Binance's finest lot and tick (eight decimals) and a minimum order value of 5
    /// in the quote asset, Binance's minimum on its USD-stablecoin markets; set <c>Exchange:Rules:Default:MinNotional</c>
    /// for markets quoted in anything else.
    /// </summary>
    public static ExchangeRules Fallback { get; } = new(MinQuantity: 0.00000001m, StepSize: 0.00000001m, MinNotional: 5m, TickSize: 0.00000001m);

    private static readonly string[] Settings =
    [
        nameof(ExchangeRules.MinQuantity), nameof(ExchangeRules.StepSize), nameof(ExchangeRules.MinNotional), nameof(ExchangeRules.TickSize),
    ];

    /// <summary>The built-in rules with <paramref name="configuration"/>'s <c>Exchange:Rules</c> section applied.</summary>
    /// <exception cref="OptionsValidationException">A key or value is not valid; each problem names its key.</exception>
    public static ExchangeRuleBook Read(IConfiguration configuration)
    {
        var errors = new List<string>();
        var markets = new Dictionary<MarketSymbol, ExchangeRules>(BinanceSpot);
        var fallback = Fallback;
        // The fallback first: a market named without some setting takes it from there, whatever the keys' order.
        var sections = configuration.GetSection(Section).GetChildren().OrderBy(m => !m.Key.Equals(DefaultKey, StringComparison.OrdinalIgnoreCase));
        foreach (var market in sections)
        {
            if (market.Value is not null)
            {
                errors.Add($"{market.Path} must be a section with {string.Join(", ", Settings)}, not a value");
            }
            else if (market.Key.Equals(DefaultKey, StringComparison.OrdinalIgnoreCase))
            {
                fallback = Apply(fallback, market, errors);
            }
            else if (MarketSymbol.TryParse(market.Key.Replace('_', '/'), out var symbol, out _) && market.Key.Count(c => c == '_') == 1)
            {
                markets[symbol] = Apply(markets.GetValueOrDefault(symbol, fallback), market, errors);
            }
            else
            {
                errors.Add($"{market.Path} is not a market: write BASE_QUOTE (such as {Section}:BTC_USDT) or {DefaultKey}");
            }
        }

        return errors.Count == 0
            ? new ExchangeRuleBook(markets, fallback)
            : throw new OptionsValidationException(Section, typeof(ExchangeRuleBook), errors);
    }

    private static ExchangeRules Apply(ExchangeRules rules, IConfigurationSection market, List<string> errors)
    {
        foreach (var setting in market.GetChildren())
        {
            if (!Settings.Contains(setting.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"{setting.Path} is not a setting: use {string.Join(", ", Settings)}");
                continue;
            }

            if (!decimal.TryParse(setting.Value, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value) || value < 0m)
            {
                errors.Add($"{setting.Path} must be a number, zero or more (got '{setting.Value}')");
                continue;
            }

            bool Is(string name) => setting.Key.Equals(name, StringComparison.OrdinalIgnoreCase);
            rules = Is(nameof(ExchangeRules.MinQuantity)) ? rules with { MinQuantity = value }
                : Is(nameof(ExchangeRules.StepSize)) ? rules with { StepSize = value }
                : Is(nameof(ExchangeRules.MinNotional)) ? rules with { MinNotional = value }
                : rules with { TickSize = value };
        }

        return rules;
    }
}
