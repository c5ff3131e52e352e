using System.Diagnostics.CodeAnalysis;
using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// The exchange's order rules of every market a run may trade: fetched from the exchange for live paper trading,
/// from configuration (<c>Exchange:Rules</c>) for replays and backtests. A market it has no rules for gets the
/// fallback, or, without one, is refused: orders are never checked against guessed rules.
/// </summary>
public sealed class ExchangeRuleBook
{
    private readonly IReadOnlyDictionary<MarketSymbol, ExchangeRules> _markets;
    private readonly ExchangeRules? _fallback;

    /// <summary>Rules per market, and the <paramref name="fallback"/> for any other market (null: none).</summary>
    public ExchangeRuleBook(IReadOnlyDictionary<MarketSymbol, ExchangeRules> markets, ExchangeRules? fallback = null)
    {
        _markets = markets;
        _fallback = fallback;
    }

    /// <summary>No rules for any market: for unit tests and what-if baselines, never for a run that stands for real trading.</summary>
    public static ExchangeRuleBook None { get; } = new(new Dictionary<MarketSymbol, ExchangeRules>(), ExchangeRules.None);

    /// <summary>The rules of <paramref name="symbol"/>.</summary>
    /// <exception cref="KeyNotFoundException">The book has no rules for it and no fallback.</exception>
    public ExchangeRules For(MarketSymbol symbol) =>
        TryFor(symbol, out var rules) ? rules : throw new KeyNotFoundException(Unknown(symbol));

    /// <summary>The rules of <paramref name="symbol"/>; false when the book has none for it and no fallback.</summary>
    public bool TryFor(MarketSymbol symbol, [NotNullWhen(true)] out ExchangeRules? rules)
    {
        rules = _markets.GetValueOrDefault(symbol) ?? _fallback;
        return rules is not null;
    }

    /// <summary>Why an order in <paramref name="symbol"/> cannot be checked, for a book without its rules.</summary>
    public static string Unknown(MarketSymbol symbol) => $"no exchange order rules are known for {symbol}, so its orders cannot be checked";
}
