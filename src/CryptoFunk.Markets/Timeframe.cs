using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CryptoFunk.Markets;

/// <summary>
/// The length of one candle, written as exchanges write it (<c>1m</c>, <c>15m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>, <c>1w</c>).
/// Carrying the <see cref="TimeSpan"/> keeps the unit explicit wherever a bar length is used.
/// </summary>
public readonly record struct Timeframe
{
    private Timeframe(string code, TimeSpan duration)
    {
        Code = code;
        Duration = duration;
    }

    /// <summary>The exchange-style code, such as <c>1h</c>.</summary>
    public string Code { get; }

    /// <summary>The length of one bar.</summary>
    public TimeSpan Duration { get; }

    /// <summary>One hour, the default decision interval.</summary>
    public static Timeframe OneHour { get; } = new("1h", TimeSpan.FromHours(1));

    /// <summary>Parses codes such as <c>1m</c>, <c>15m</c>, <c>1h</c>, <c>1d</c>, <c>1w</c>.</summary>
    public static Timeframe Parse(string text) =>
        TryParse(text, out var timeframe, out var error) ? timeframe : throw new FormatException(error);

    /// <summary>Parses without throwing; <paramref name="error"/> says why a code was refused.</summary>
    public static bool TryParse(string? text, out Timeframe timeframe, [NotNullWhen(false)] out string? error)
    {
        timeframe = default;
        error = $"timeframe '{text}' is not one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w";
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2)
        {
            return false;
        }

        var unit = text[^1];
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        TimeSpan? duration = (unit, count) switch
        {
            ('m', 1 or 3 or 5 or 15 or 30) => TimeSpan.FromMinutes(count),
            ('h', 1 or 2 or 4 or 6 or 8 or 12) => TimeSpan.FromHours(count),
            ('d', 1 or 3) => TimeSpan.FromDays(count),
            ('w', 1) => TimeSpan.FromDays(7),
            _ => null,
        };
        if (duration is null)
        {
            return false;
        }

        timeframe = new Timeframe(text, duration.Value);
        error = null;
        return true;
    }

    /// <summary>The timeframe whose bar length is exactly <paramref name="duration"/>, if it has a code.</summary>
    public static bool TryFromDuration(TimeSpan duration, out Timeframe timeframe)
    {
        string? code = duration switch
        {
            { TotalDays: >= 7 } when duration == TimeSpan.FromDays(7) => "1w",
            { TotalDays: >= 1 } when duration.Ticks % TimeSpan.TicksPerDay == 0 => $"{(int)duration.TotalDays}d",
            { TotalHours: >= 1 } when duration.Ticks % TimeSpan.TicksPerHour == 0 => $"{(int)duration.TotalHours}h",
            _ when duration.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(int)duration.TotalMinutes}m",
            _ => null,
        };
        timeframe = default;
        return code is not null && TryParse(code, out timeframe, out _);
    }

    /// <inheritdoc />
    public override string ToString() => Code;
}
