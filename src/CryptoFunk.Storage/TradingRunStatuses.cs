namespace CryptoFunk.Storage;

/// <summary>The states of a trading run, so an interrupted run (still <c>running</c>) is told apart from a finished one.</summary>
public static class TradingRunStatuses
{
    /// <summary>Started and not finished (or interrupted before it could say so).</summary>
    public const string Running = "running";

    /// <summary>Finished normally.</summary>
    public const string Completed = "completed";

    /// <summary>Stopped by the user (Ctrl+C) after storing everything; it can be continued.</summary>
    public const string Stopped = "stopped";

    /// <summary>Its process was killed while it ran; found so at a later start (a paper account then continues it).</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Stopped by an error.</summary>
    public const string Failed = "failed";
}
