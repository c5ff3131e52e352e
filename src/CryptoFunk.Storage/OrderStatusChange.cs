namespace CryptoFunk.Storage;

/// <summary>A stored order's move to a new <see cref="OrderStatuses"/> value (the broker accepted, rejected, filled ... it).</summary>
/// <param name="RunId">The run.</param>
/// <param name="ClientOrderId">The order.</param>
/// <param name="Status">The new status.</param>
/// <param name="Reason">Why (a rejection's reason, ...).</param>
/// <param name="UpdatedAt">When it changed.</param>
public sealed record OrderStatusChange(string RunId, string ClientOrderId, string Status, string? Reason, DateTimeOffset UpdatedAt);
