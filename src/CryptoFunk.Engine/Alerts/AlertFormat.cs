namespace CryptoFunk.Engine.Alerts;

/// <summary>The JSON body a webhook expects.</summary>
public enum AlertFormat
{
    /// <summary><c>{"kind", "severity", "time", "run", "symbol", "message", "count"}</c>.</summary>
    Generic,

    /// <summary>A Slack incoming webhook: <c>{"text"}</c>.</summary>
    Slack,

    /// <summary>A Discord webhook: <c>{"content"}</c>.</summary>
    Discord,

    /// <summary>Telegram's <c>sendMessage</c>: <c>{"chat_id", "text"}</c>.</summary>
    Telegram,
}
