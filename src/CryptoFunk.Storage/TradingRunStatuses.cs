namespace CryptoFunk.Storage;

/// <summary>The states of a trading run, so an interrupted run (still <c>running</c>) is told apart from a finished one.</summary>
public static class TradingRunStatuses
{
    /// <summary>Started and not finished (or interrupted before it could say so).</summary>
    public const string Running = "running";

    /// <summary>Finished normally.</summary>
    public const string Completed = "completed";

    /// <summary>Stopped by an error.</summary>
    public const string Failed = "failed";
}
