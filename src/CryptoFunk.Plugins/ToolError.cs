using CryptoFunk.Markets;

namespace CryptoFunk.Plugins;

/// <summary>
/// A function's answer when it cannot do what was asked. It is returned rather than thrown, because the function
/// loop hides exception messages from the model and the reason is what lets the model ask again correctly.
/// </summary>
/// <param name="Error">What went wrong and what is available instead.</param>
internal sealed record ToolError(string Error)
{
    /// <summary>
    /// Null when <paramref name="requested"/> is empty or names <paramref name="supported"/>; otherwise the error
    /// naming the one market a plugin serves.
    /// </summary>
    public static ToolError? ForOtherSymbol(MarketSymbol supported, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return null;
        }

        // The model's text is not repeated: a tool's answer carries only what code wrote.
        if (!MarketSymbol.TryParse(requested, out var symbol, out _))
        {
            return new ToolError($"the symbol is not in the form BASE/QUOTE; only {supported} is available");
        }

        return symbol == supported ? null : new ToolError($"only {supported} is available, not {symbol}");
    }
}
