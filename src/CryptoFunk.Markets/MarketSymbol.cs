using System.Diagnostics.CodeAnalysis;

namespace CryptoFunk.Markets;

/// <summary>
/// A spot market written the one way CryptoFunk writes it everywhere: <c>BASE/QUOTE</c>, upper case
/// (<c>BTC/USDT</c>). Exchange-specific spellings (<c>BTCUSDT</c>) exist only inside exchange adapters.
/// </summary>
public readonly record struct MarketSymbol
{
    private MarketSymbol(string baseAsset, string quoteAsset)
    {
        Base = baseAsset;
        Quote = quoteAsset;
    }

    /// <summary>The asset being bought or sold (BTC in BTC/USDT).</summary>
    public string Base { get; }

    /// <summary>The asset prices are quoted in (USDT in BTC/USDT).</summary>
    public string Quote { get; }

    /// <summary>Parses <c>BASE/QUOTE</c>; anything else (including <c>BTCUSDT</c>) is refused with the reason.</summary>
    public static MarketSymbol Parse(string text) =>
        TryParse(text, out var symbol, out var error) ? symbol : throw new FormatException(error);

    /// <summary>Parses <c>BASE/QUOTE</c> without throwing; <paramref name="error"/> says why a text was refused.</summary>
    public static bool TryParse(string? text, out MarketSymbol symbol, [NotNullWhen(false)] out string? error)
    {
        symbol = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "symbol is empty; expected BASE/QUOTE such as BTC/USDT";
            return false;
        }

        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !IsAsset(parts[0]) || !IsAsset(parts[1]))
        {
            error = $"symbol '{text}' is not in the form BASE/QUOTE (for example BTC/USDT)";
            return false;
        }

        symbol = new MarketSymbol(parts[0].ToUpperInvariant(), parts[1].ToUpperInvariant());
        error = null;
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Base}/{Quote}";

    private static bool IsAsset(string part) =>
        part.Length is > 0 and <= 20 && part.All(char.IsAsciiLetterOrDigit);
}
