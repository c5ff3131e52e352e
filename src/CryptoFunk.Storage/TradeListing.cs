namespace CryptoFunk.Storage;

/// <summary>A trade (a position, open or closed) with the decision that opened it, so a trade leads to its explanation.</summary>
public sealed record TradeListing(PositionRecord Position, long? DecisionId);
