using System.Globalization;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// The last day a model's training data may cover, as its vendor publishes it (<c>Llm:Providers:N:TrainingCutoff</c>).
/// Vendors often name only a month, so <c>2023-10</c> means the whole of October 2023: a market the model may have
/// read about is a result it may remember rather than predict.
/// </summary>
/// <param name="Text">The value as configured, shown back unchanged.</param>
/// <param name="LastDay">The last day the training data may include.</param>
public sealed record ModelTrainingCutoff(string Text, DateOnly LastDay)
{
    private static readonly string[] MonthFormats = ["yyyy-MM"];
    private static readonly string[] DayFormats = ["yyyy-MM-dd"];

    /// <summary>Reads <c>YYYY-MM</c> (the whole month) or <c>YYYY-MM-DD</c>.</summary>
    public static bool TryParse(string text, out ModelTrainingCutoff cutoff)
    {
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            cutoff = new ModelTrainingCutoff(trimmed, day);
            return true;
        }

        if (DateOnly.TryParseExact(trimmed, MonthFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            cutoff = new ModelTrainingCutoff(trimmed, month.AddMonths(1).AddDays(-1));
            return true;
        }

        cutoff = null!;
        return false;
    }

    /// <summary>True when <paramref name="time"/> falls on or before the last day the model may have been trained on.</summary>
    public bool Covers(DateTimeOffset time) =>
        time < new DateTimeOffset(LastDay.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
