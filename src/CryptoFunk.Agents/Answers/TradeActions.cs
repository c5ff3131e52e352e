namespace CryptoFunk.Agents.Answers;

/// <summary>Reads and writes <see cref="TradeAction"/> in the upper-case wire form the prompts and the store use.</summary>
public static class TradeActions
{
    /// <summary><c>BUY</c>, <c>SELL</c>, <c>HOLD</c> or <c>CLOSE</c>.</summary>
    public static string ToWire(this TradeAction action) => action switch
    {
        TradeAction.Buy => "BUY",
        TradeAction.Sell => "SELL",
        TradeAction.Close => "CLOSE",
        _ => "HOLD",
    };

    /// <summary>The action named by <paramref name="value"/>, or null when it names none.</summary>
    public static TradeAction? Parse(string? value) => value switch
    {
        "BUY" => TradeAction.Buy,
        "SELL" => TradeAction.Sell,
        "HOLD" => TradeAction.Hold,
        "CLOSE" => TradeAction.Close,
        _ => null,
    };
}
