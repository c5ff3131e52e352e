using System.Globalization;

namespace CryptoFunk.Trading.Risk;

/// <summary>Number formatting for clamp and rejection texts, culture-independent so stored reasons read the same everywhere.</summary>
public static class RiskText
{
    /// <summary>A fraction as a percentage with up to two decimals (0.02 → 2%).</summary>
    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>A price, quantity or ratio with up to eight decimals.</summary>
    public static string Number(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);
}
