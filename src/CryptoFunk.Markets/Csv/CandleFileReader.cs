using System.Globalization;
using System.Text;

namespace CryptoFunk.Markets.Csv;

/// <summary>
/// Reads candle files strictly: the normalized CSV (<see cref="CandleFileFormat.Normalized"/>) and Binance's raw
/// kline dump (<see cref="CandleFileFormat.BinanceKlines"/>), told apart by their first line. Any row that could
/// make an indicator or a fill silently wrong stops the read with a <see cref="CandleDataException"/> naming the
/// file, the line and the reason; gaps are reported in the result, never filled.
/// </summary>
public static class CandleFileReader
{
    /// <summary>The header of the normalized CSV, exactly.</summary>
    public const string NormalizedHeader = "timestamp,open,high,low,close,volume";

    private const string BinanceHeaderStart = "open_time,";
    private const int BinanceColumns = 12;

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    public static async Task<CandleSeries> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CandleDataException(path, 0, "file not found");
        }

        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return await ReadAsync(reader, path, cancellationToken);
    }

    /// <summary>Reads and validates candles from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static async Task<CandleSeries> ReadAsync(TextReader reader, string source, CancellationToken cancellationToken)
    {
        var candles = new List<Candle>();
        var firstLineOfTime = new Dictionary<DateTimeOffset, int>();
        CandleFileFormat? format = null;
        var lineNumber = 0;
        var blankLine = 0;

        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                blankLine = blankLine == 0 ? lineNumber : blankLine;
                continue;
            }

            if (blankLine != 0)
            {
                throw new CandleDataException(source, blankLine, "empty line inside the data");
            }

            if (format is null)
            {
                format = DetectFormat(line, source);
                if (format == CandleFileFormat.Normalized || line.StartsWith(BinanceHeaderStart, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
            }

            var row = new RowReader(line, source, lineNumber);
            var candle = format == CandleFileFormat.Normalized ? row.ReadNormalized() : row.ReadBinanceKline();
            Validate(candle, row);

            if (candles.Count > 0 && candle.OpenTime <= candles[^1].OpenTime)
            {
                var reason = candle.OpenTime == candles[^1].OpenTime || firstLineOfTime.ContainsKey(candle.OpenTime)
                    ? $"duplicate timestamp {Iso(candle.OpenTime)} (first seen on line {firstLineOfTime[candle.OpenTime]})"
                    : $"timestamp {Iso(candle.OpenTime)} is earlier than the previous row's {Iso(candles[^1].OpenTime)}: rows must be sorted oldest first";
                throw new CandleDataException(source, lineNumber, reason);
            }

            firstLineOfTime[candle.OpenTime] = lineNumber;
            candles.Add(candle);
        }

        if (candles.Count == 0)
        {
            throw new CandleDataException(source, lineNumber, "the file holds no candles");
        }

        return Summarize(source, candles, firstLineOfTime);
    }

    private static CandleSeries Summarize(string source, List<Candle> candles, Dictionary<DateTimeOffset, int> lineOfTime)
    {
        var interval = CandleGapFinder.InferInterval(candles);
        if (interval is null)
        {
            return new CandleSeries(source, null, candles, []);
        }

        for (var i = 1; i < candles.Count; i++)
        {
            var step = candles[i].OpenTime - candles[i - 1].OpenTime;
            if (step.Ticks % interval.Value.Ticks != 0)
            {
                throw new CandleDataException(
                    source,
                    lineOfTime[candles[i].OpenTime],
                    $"timestamp {Iso(candles[i].OpenTime)} is {step} after the previous bar, not a whole number of the file's {interval.Value} bars");
            }
        }

        Timeframe? timeframe = Timeframe.TryFromDuration(interval.Value, out var tf) ? tf : null;
        return new CandleSeries(source, timeframe, candles, CandleGapFinder.Between(candles, interval.Value));
    }

    private static CandleFileFormat DetectFormat(string firstLine, string source)
    {
        var trimmed = firstLine.Trim().TrimStart('\uFEFF');
        if (string.Equals(trimmed, NormalizedHeader, StringComparison.OrdinalIgnoreCase))
        {
            return CandleFileFormat.Normalized;
        }

        var fields = trimmed.Split(',');
        if (fields.Length == BinanceColumns
            && (trimmed.StartsWith(BinanceHeaderStart, StringComparison.OrdinalIgnoreCase) || fields[0].All(char.IsAsciiDigit)))
        {
            return CandleFileFormat.BinanceKlines;
        }

        throw new CandleDataException(
            source,
            1,
            $"unrecognized first line '{Shorten(trimmed)}': expected the header '{NormalizedHeader}' or a Binance kline row ({BinanceColumns} columns, epoch-millisecond open time)");
    }

    private static void Validate(Candle candle, RowReader row)
    {
        Positive(candle.Open, "open", row);
        Positive(candle.High, "high", row);
        Positive(candle.Low, "low", row);
        Positive(candle.Close, "close", row);
        if (candle.Volume < 0)
        {
            throw row.Error($"volume {candle.Volume} is negative");
        }

        if (candle.High < candle.Low)
        {
            throw row.Error($"high {candle.High} is below low {candle.Low}");
        }

        if (candle.Open < candle.Low || candle.Open > candle.High)
        {
            throw row.Error($"open {candle.Open} is outside the bar's range low {candle.Low} .. high {candle.High}");
        }

        if (candle.Close < candle.Low || candle.Close > candle.High)
        {
            throw row.Error($"close {candle.Close} is outside the bar's range low {candle.Low} .. high {candle.High}");
        }
    }

    private static void Positive(decimal value, string column, RowReader row)
    {
        if (value <= 0)
        {
            throw row.Error($"{column} price {value} is not positive");
        }
    }

    private static string Iso(DateTimeOffset time) => UtcTimestamp.Format(time);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>Splits one data row and converts its fields, naming the column in every error.</summary>
    private readonly struct RowReader(string line, string source, int lineNumber)
    {
        private readonly string[] _fields = line.Split(',');

        public Candle ReadNormalized()
        {
            ExpectColumns(6, NormalizedHeader);
            return new Candle(Timestamp(_fields[0]), Number(1, "open"), Number(2, "high"), Number(3, "low"), Number(4, "close"), Number(5, "volume"));
        }

        public Candle ReadBinanceKline()
        {
            ExpectColumns(BinanceColumns, "a Binance kline row");
            var openTime = EpochTime(0, "open_time");
            var closeTime = EpochTime(6, "close_time");
            if (closeTime <= openTime)
            {
                throw Error($"close_time {Iso(closeTime)} is not after open_time {Iso(openTime)}");
            }

            return new Candle(openTime, Number(1, "open"), Number(2, "high"), Number(3, "low"), Number(4, "close"), Number(5, "volume"));
        }

        public CandleDataException Error(string reason) => new(source, lineNumber, reason);

        private void ExpectColumns(int expected, string layout)
        {
            if (_fields.Length != expected)
            {
                throw Error($"expected {expected} columns ({layout}), found {_fields.Length}");
            }
        }

        private DateTimeOffset Timestamp(string text)
        {
            var value = text.Trim();
            if (!value.EndsWith('Z') && !HasOffset(value))
            {
                throw Error($"timestamp '{Shorten(value)}' has no UTC designator: write ISO-8601 UTC such as 2024-01-01T00:00:00Z");
            }

            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
                || value.Length < 20 || value[10] != 'T')
            {
                throw Error($"timestamp '{Shorten(value)}' is not an ISO-8601 date and time");
            }

            return time.ToUniversalTime();
        }

        private static bool HasOffset(string value) =>
            value.Length > 6 && (value[^6] is '+' or '-') && value[^3] == ':';

        private DateTimeOffset EpochTime(int index, string column)
        {
            var text = _fields[index].Trim();
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw Error($"{column} '{Shorten(text)}' is not an epoch time in milliseconds");
            }

            // Binance's spot dumps switched from milliseconds to microseconds on 2025-01-01.
            const long FirstMicrosecondTimestamp = 100_000_000_000_000;
            var milliseconds = value >= FirstMicrosecondTimestamp ? value / 1000 : value;
            if (milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                throw Error($"{column} {text} is out of range");
            }

            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        private decimal Number(int index, string column)
        {
            var text = _fields[index].Trim();
            if (text.Length == 0)
            {
                throw Error($"{column} is empty");
            }

            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            var notFinite = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsFinite(d);
            throw Error(notFinite
                ? $"{column} is '{Shorten(text)}', which is not a finite number"
                : $"{column} '{Shorten(text)}' is not a number");
        }
    }
}
