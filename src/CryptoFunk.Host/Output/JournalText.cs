using System.Globalization;

namespace CryptoFunk.Host.Output;

/// <summary>How the journal commands write times, prices and results, so the tables and the explanation agree.</summary>
internal static class JournalText
{
    /// <summary>A UTC time to the second.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A price or amount as stored, without trailing zeros; <c>-</c> when there is none.</summary>
    public static string Amount(decimal? value) => value is { } v ? v.ToString("0.##########", CultureInfo.InvariantCulture) : "-";

    /// <summary>Quote-currency money to the cent; <c>-</c> when there is none.</summary>
    public static string Money(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    /// <summary>A stored percentage (1.5 is 1.5%); <c>-</c> when there is none.</summary>
    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary>A share or confidence between 0 and 1 with two decimals.</summary>
    public static string Fraction(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A stored confidence (0..1) with two decimals.</summary>
    public static string Fraction(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>At most <paramref name="length"/> characters of the first line of <paramref name="text"/>.</summary>
    public static string FirstLine(string text, int length)
    {
        var line = text.Split('\n')[0];
        return line.Length > length ? line[..length] + "…" : line;
    }

    /// <summary>The codes of a space-separated code list, none for null.</summary>
    public static string[] Codes(string? list) => list?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
