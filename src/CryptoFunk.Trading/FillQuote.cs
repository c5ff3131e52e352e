namespace CryptoFunk.Trading;

/// <summary>
/// A fill model's answer for one order, or one position's exit, in one candle: the price with its slippage cost and
/// fill reason, nothing in this candle, or a refusal with the reason (the order is then dropped, not retried).
/// </summary>
public sealed record FillQuote
{
    private FillQuote(bool fills, decimal price, decimal slippageCost, string reason, string? refusal)
    {
        Fills = fills;
        Price = price;
        SlippageCost = slippageCost;
        Reason = reason;
        Refusal = refusal;
    }

    /// <summary>Nothing fills in this candle; the order stays open.</summary>
    public static FillQuote None { get; } = new(false, 0m, 0m, string.Empty, null);

    /// <summary>True when the order (or exit) fills at <see cref="Price"/>.</summary>
    public bool Fills { get; }

    /// <summary>Execution price including slippage.</summary>
    public decimal Price { get; }

    /// <summary>Quote currency lost to slippage against the reference price.</summary>
    public decimal SlippageCost { get; }

    /// <summary>Why it filled, a <see cref="FillReasons"/> value.</summary>
    public string Reason { get; }

    /// <summary>Why the order can never fill as asked; null unless refused.</summary>
    public string? Refusal { get; }

    /// <summary>A fill at <paramref name="price"/>.</summary>
    public static FillQuote At(decimal price, decimal slippageCost, string reason) => new(true, price, slippageCost, reason, null);

    /// <summary>A refusal with its reason.</summary>
    public static FillQuote Refused(string reason) => new(false, 0m, 0m, string.Empty, reason);
}
