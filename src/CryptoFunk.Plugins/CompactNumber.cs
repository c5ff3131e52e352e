using System.Globalization;

namespace CryptoFunk.Plugins;

/// <summary>
/// Rounds numbers for function results: every digit costs context tokens, and the model gains nothing from the
/// 28 decimal places a fee calculation leaves behind or from indicator noise beyond six significant digits.
/// </summary>
internal static class CompactNumber
{
    private const decimal One = 1.0000000000000000000000000000m;

    /// <summary>A price, quantity or money amount to 8 decimal places (a satoshi), without trailing zeros.</summary>
    public static decimal Amount(decimal value) => Round(value, 8);

    /// <summary><paramref name="value"/> to <paramref name="decimals"/> places, without trailing zeros.</summary>
    public static decimal Round(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero) / One;

    /// <summary>An indicator to six significant digits; a warm-up <see cref="double.NaN"/> becomes null.</summary>
    public static double? Indicator(double value) =>
        double.IsFinite(value)
            ? double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : null;
}
