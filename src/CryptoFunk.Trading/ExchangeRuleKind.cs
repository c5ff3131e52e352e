namespace CryptoFunk.Trading;

/// <summary>Which exchange order rule an order breaks; the risk gate's refusal code follows from it.</summary>
public enum ExchangeRuleKind
{
    /// <summary><see cref="Markets.ExchangeRules.MinQuantity"/>.</summary>
    MinQuantity,

    /// <summary><see cref="Markets.ExchangeRules.StepSize"/>.</summary>
    StepSize,

    /// <summary><see cref="Markets.ExchangeRules.MinNotional"/>.</summary>
    MinNotional,

    /// <summary><see cref="Markets.ExchangeRules.TickSize"/>.</summary>
    TickSize,
}
