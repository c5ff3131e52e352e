namespace CryptoFunk.Storage;

/// <summary>
/// The life of a stored order. It is written as <c>intent</c> before the broker sees it, so a crash between decision
/// and submission leaves a visible trace instead of a silently lost order.
/// </summary>
public static class OrderStatuses
{
    /// <summary>Decided and stored, not yet answered by the broker.</summary>
    public const string Intent = "intent";

    /// <summary>Queued by the broker.</summary>
    public const string Accepted = "accepted";

    /// <summary>Refused by the broker; the reason is kept.</summary>
    public const string Rejected = "rejected";

    /// <summary>Executed.</summary>
    public const string Filled = "filled";

    /// <summary>Withdrawn before it filled.</summary>
    public const string Cancelled = "cancelled";
}
