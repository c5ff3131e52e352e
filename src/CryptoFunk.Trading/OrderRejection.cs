namespace CryptoFunk.Trading;

/// <summary>
/// An accepted order refused when it came to fill (for example cash no longer covers it at the real price),
/// so the caller learns about it instead of the order quietly disappearing.
/// </summary>
/// <param name="OrderId">Client order id of the refused order.</param>
/// <param name="Time">Open time of the candle at which it was refused.</param>
/// <param name="Reason">Why it was refused.</param>
public sealed record OrderRejection(string OrderId, DateTimeOffset Time, string Reason);
