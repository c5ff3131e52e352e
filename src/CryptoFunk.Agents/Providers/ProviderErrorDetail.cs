using System.Text;
using System.Text.Json;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Turns a provider's error body into one short, safe sentence: the message from the usual JSON shapes
/// (OpenAI <c>{"error":{"message"}}</c>, Anthropic <c>{"type":"error","error":{"type","message"}}</c>, Ollama
/// <c>{"error":"..."}</c>, FastAPI <c>{"detail"}</c>), else the start of the body; any occurrence of the API key is
/// masked, since some gateways echo what they were sent.
/// </summary>
internal static class ProviderErrorDetail
{
    private const int MaxLength = 400;
    private const string Mask = "[redacted]";

    public static string FromBody(string? body, string? secret)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(no error details in the response)";
        }

        return Clean(MessageFromJson(body) ?? body, secret);
    }

    /// <summary>Masks <paramref name="secret"/>, flattens whitespace and cuts <paramref name="text"/> to a readable length.</summary>
    public static string Clean(string text, string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace && (lastWasSpace || builder.Length == 0))
            {
                continue;
            }

            builder.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
            if (builder.Length > MaxLength)
            {
                return builder.ToString(0, MaxLength).TrimEnd() + "...";
            }
        }

        return builder.ToString().TrimEnd();
    }

    private static string? MessageFromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (error.ValueKind == JsonValueKind.Object)
                {
                    var message = StringProperty(error, "message");
                    var type = StringProperty(error, "type") ?? StringProperty(error, "code");
                    return (type, message) switch
                    {
                        (not null, not null) => $"{type}: {message}",
                        (null, not null) => message,
                        (not null, null) => type,
                        _ => null,
                    };
                }
            }

            return StringProperty(root, "message") ?? StringProperty(root, "detail");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
