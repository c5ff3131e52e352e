using System.Globalization;
using System.Text;
using System.Text.Json;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Files;

namespace CryptoFunk.Host.Output;

/// <summary>
/// Writes an <see cref="IndicatorTable"/> as CSV (<c>timestamp,ema20,...</c>) or, for a path ending in <c>.json</c>,
/// as a JSON array of rows. A value not defined yet is an empty cell (CSV) or <c>null</c> (JSON); numbers are written
/// in invariant culture with every digit needed to read back the same double.
/// </summary>
internal static class IndicatorTableWriter
{
    public static Task WriteAsync(string path, IReadOnlyList<DateTimeOffset> times, IndicatorTable table, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(
            path,
            (stream, ct) => path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? WriteJsonAsync(stream, times, table, ct)
                : WriteCsvAsync(stream, times, table, ct),
            cancellationToken);

    private static async Task WriteCsvAsync(Stream stream, IReadOnlyList<DateTimeOffset> times, IndicatorTable table, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var columns = table.Columns;
        await writer.WriteLineAsync("timestamp," + string.Join(',', columns.Select(c => c.Name)));
        var line = new StringBuilder(512);
        for (var row = 0; row < times.Count; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            line.Clear().Append(Timestamp(times[row]));
            foreach (var column in columns)
            {
                line.Append(',');
                var value = column.Values[row];
                if (!double.IsNaN(value))
                {
                    line.Append(value.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            await writer.WriteLineAsync(line, cancellationToken);
        }
    }

    private static async Task WriteJsonAsync(Stream stream, IReadOnlyList<DateTimeOffset> times, IndicatorTable table, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        for (var row = 0; row < times.Count; row++)
        {
            json.WriteStartObject();
            json.WriteString("timestamp", Timestamp(times[row]));
            foreach (var column in table.Columns)
            {
                var value = column.Values[row];
                if (double.IsNaN(value))
                {
                    json.WriteNull(column.Name);
                }
                else
                {
                    json.WriteNumber(column.Name, value);
                }
            }

            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static string Timestamp(DateTimeOffset time) =>
        UtcTimestamp.Format(time);
}
