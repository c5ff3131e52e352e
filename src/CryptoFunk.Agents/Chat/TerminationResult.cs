namespace CryptoFunk.Agents.Chat;

/// <summary>Whether the chat ends after a turn, and why; the reason of the final turn explains the outcome.</summary>
public sealed record TerminationResult(bool ShouldTerminate, string Reason)
{
    /// <summary>The chat goes on.</summary>
    public static TerminationResult Continue(string reason) => new(false, reason);

    /// <summary>The chat ends.</summary>
    public static TerminationResult Terminate(string reason) => new(true, reason);
}
