using System.Globalization;
using System.Text;

namespace CryptoFunk.Markets.Csv;

/// <summary>
/// Writes candles in CryptoFunk's normalized CSV: <c>timestamp,open,high,low,close,volume</c>, timestamps as ISO-8601
/// UTC open times (<c>2017-08-17T04:00:00Z</c>), numbers in invariant culture without trailing zeros, <c>\n</c> line
/// ends. Every value round-trips exactly. Files are written to a temporary file and moved into place, so a failed
/// write never leaves a partial file.
/// </summary>
public static class CandleCsvWriter
{
    /// <summary>The header line.</summary>
    public const string Header = "timestamp,open,high,low,close,volume";

    /// <summary>
    /// Writes <paramref name="candles"/> to <paramref name="path"/>, replacing any existing file only once the new one
    /// is complete; creates the folder if needed.
    /// </summary>
    public static async Task WriteFileAsync(string path, IEnumerable<Candle> candles, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
            await using (stream)
            {
                var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                await using (writer)
                {
                    await WriteAsync(writer, candles, cancellationToken);
                }
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Writes the header and one line per candle; candles must be in ascending open-time order, each once.</summary>
    /// <exception cref="ArgumentException">A candle is out of order or repeated.</exception>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<Candle> candles, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(Header.AsMemory(), cancellationToken);
        await writer.WriteAsync('\n');
        DateTimeOffset? previous = null;
        var line = new StringBuilder(96);
        foreach (var candle in candles)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (candle.OpenTime <= previous)
            {
                throw new ArgumentException(
                    $"candle at {FormatTimestamp(candle.OpenTime)} follows the one at {FormatTimestamp(previous.Value)}; " +
                    "candles must be in ascending open-time order, each once",
                    nameof(candles));
            }

            previous = candle.OpenTime;
            line.Clear()
                .Append(FormatTimestamp(candle.OpenTime)).Append(',')
                .Append(FormatDecimal(candle.Open)).Append(',')
                .Append(FormatDecimal(candle.High)).Append(',')
                .Append(FormatDecimal(candle.Low)).Append(',')
                .Append(FormatDecimal(candle.Close)).Append(',')
                .Append(FormatDecimal(candle.Volume)).Append('\n');
            await writer.WriteAsync(line, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>ISO-8601 UTC with a <c>Z</c>; fractional seconds only when present.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        UtcTimestamp.Format(time);

    /// <summary>Invariant-culture decimal without trailing zeros (<c>64628.01000000</c> becomes <c>64628.01</c>).</summary>
    public static string FormatDecimal(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }
}
