namespace CryptoFunk.Engine.Desks;

/// <summary>A closed trade's result, for every entry whose decision placed <paramref name="OpeningOrderId"/>.</summary>
/// <param name="OpeningOrderId">The order that opened the trade.</param>
/// <param name="PnlPercent">The trade's profit or loss in percent.</param>
/// <param name="KnownAt">The close at which the trade's result became known.</param>
public sealed record TradeResult(string OpeningOrderId, decimal PnlPercent, DateTimeOffset KnownAt);
