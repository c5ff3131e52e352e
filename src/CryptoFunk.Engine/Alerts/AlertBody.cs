using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Alerts;

/// <summary>
/// The JSON a webhook is sent for an alert, in its format, written from the alert's own fields only. Chat formats get
/// one line of text: severity, kind, run, symbol, time, message and the count.
/// </summary>
public static class AlertBody
{
    /// <summary>Discord refuses content over 2,000 characters; a line is cut well before that.</summary>
    private const int MaxTextLength = 1_900;

    /// <summary>The UTF-8 body for <paramref name="alert"/>.</summary>
    public static byte[] Write(Alert alert, AlertFormat format, string? telegramChatId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            switch (format)
            {
                case AlertFormat.Slack:
                    json.WriteString("text", Text(alert));
                    break;
                case AlertFormat.Discord:
                    json.WriteString("content", Text(alert));
                    break;
                case AlertFormat.Telegram:
                    json.WriteString("chat_id", telegramChatId);
                    json.WriteString("text", Text(alert));
                    break;
                default:
                    json.WriteString("kind", alert.Kind);
                    json.WriteString("severity", Severity(alert.Severity));
                    json.WriteString("time", Time(alert));
                    json.WriteString("run", alert.Run);
                    json.WriteString("symbol", alert.Symbol);
                    json.WriteString("message", alert.Message);
                    json.WriteNumber("count", alert.Count);
                    break;
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The alert as one line, e.g. <c>[urgent] providers_down bt-1 BTC/USDT 2021-01-04T05:00:00Z: every model provider is down (...)</c>.</summary>
    public static string Text(Alert alert)
    {
        var where = string.Join(" ", new[] { alert.Run, alert.Symbol, Time(alert) }.Where(part => part is not null));
        var count = alert.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" ({alert.Count} times)") : "";
        var line = $"[{Severity(alert.Severity)}] {alert.Kind} {where}: {alert.Message}{count}";
        return line.Length <= MaxTextLength ? line : line[..MaxTextLength];
    }

    private static string Severity(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    private static string? Time(Alert alert) => alert.Time is { } time ? UtcTimestamp.Format(time) : null;
}
