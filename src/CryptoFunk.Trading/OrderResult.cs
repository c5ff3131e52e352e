namespace CryptoFunk.Trading;

/// <summary>Answer to a submission, so a refused order is visible with its reason instead of silently dropped.</summary>
/// <param name="OrderId">The client order id the answer is about.</param>
/// <param name="Accepted">True when the order was queued.</param>
/// <param name="RejectionReason">Why the order was refused; null when accepted.</param>
public sealed record OrderResult(string OrderId, bool Accepted, string? RejectionReason)
{
    /// <summary>An accepted order.</summary>
    public static OrderResult Accept(string orderId) => new(orderId, true, null);

    /// <summary>A refused order with the reason.</summary>
    public static OrderResult Reject(string orderId, string reason) => new(orderId, false, reason);
}
