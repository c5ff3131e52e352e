using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Desks;

/// <summary>
/// The client order ids a session gives its orders: one per (market, decision time) and kind, so the store's key on
/// (run, order id) makes each order of an account happen once, however often its close is tried again.
/// </summary>
public static class OrderIds
{
    /// <summary>The reason a close the agents decided on carries to the broker and its fills.</summary>
    public const string AgentsCloseReason = "agents decided to close";

    private const string EntryPrefix = "entry:";
    private const string ClosePrefix = "close:";

    /// <summary>The id of the entry decided on <paramref name="symbol"/> at <paramref name="time"/>.</summary>
    public static string Entry(MarketSymbol symbol, DateTimeOffset time) => $"{EntryPrefix}{symbol}:{UtcTimestamp.Format(time)}";

    /// <summary>The id of the close decided on <paramref name="symbol"/> at <paramref name="time"/>.</summary>
    public static string Close(MarketSymbol symbol, DateTimeOffset time) => $"{ClosePrefix}{symbol}:{UtcTimestamp.Format(time)}";

    /// <summary>True for an entry's id.</summary>
    public static bool IsEntry(string orderId) => orderId.StartsWith(EntryPrefix, StringComparison.Ordinal);

    /// <summary>True for the id of a close the agents decided on.</summary>
    public static bool IsClose(string orderId) => orderId.StartsWith(ClosePrefix, StringComparison.Ordinal);
}
