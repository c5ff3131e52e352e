using CryptoFunk.Markets;

namespace CryptoFunk.Engine.Desks;

/// <summary>What a market's desk is built from, wherever it is built: the run, the market's history and its memory so far.</summary>
/// <param name="RunId">The run whose decisions the desk makes.</param>
/// <param name="History">The market's candles, as the session holds them.</param>
/// <param name="Memory">Every memory event of the market so far, in order.</param>
public sealed record MarketDeskState(string RunId, MarketHistory History, IReadOnlyList<MemoryEvent> Memory);
