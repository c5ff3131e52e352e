namespace CryptoFunk.Trading;

/// <summary>An order that breaks one of the exchange's order rules: which rule, and what was refused and why, with the numbers.</summary>
/// <param name="Rule">The rule broken.</param>
/// <param name="Reason">The words, such as <c>0.00000008 BTC is below the minimum quantity 0.00001 BTC of BTC/USDT</c>.</param>
public sealed record ExchangeRuleBreach(ExchangeRuleKind Rule, string Reason);
