using System.Globalization;
using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Context;

/// <summary>Number formatting for contexts: invariant culture, fixed precision, and an explicit "n/a" for undefined values.</summary>
public static class ContextFormat
{
    /// <summary>Written where a value is not defined yet (indicator warm-up).</summary>
    public const string NotAvailable = "n/a";

    /// <summary>A double with <paramref name="decimals"/> places, or n/a.</summary>
    public static string Number(double value, int decimals = 2) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : NotAvailable;

    /// <summary>A decimal as the exchange wrote it, without trailing zeros.</summary>
    public static string Price(decimal value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    /// <summary>A percentage with two places and a sign, or n/a.</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + "%" : NotAvailable;

    /// <summary>A small rate as a percentage with four places and a sign (a funding rate of 0.0001 is <c>+0.0100%</c>).</summary>
    public static string Rate(decimal fraction) => (fraction * 100).ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) + "%";

    /// <summary>A share (0..1) as a whole percentage without sign, e.g. <c>67%</c>.</summary>
    public static string Share(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : NotAvailable;

    /// <summary>ISO-8601 UTC.</summary>
    public static string Time(DateTimeOffset time) => UtcTimestamp.Format(time);
}
