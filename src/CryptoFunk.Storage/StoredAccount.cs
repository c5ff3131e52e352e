using CryptoFunk.Markets;

namespace CryptoFunk.Storage;

/// <summary>
/// A paper account as its last stored close left it, for reading it from another process (the MCP server) without
/// replaying it: the equity snapshot, the open positions and orders, and each market's last candle, which marks them.
/// </summary>
/// <param name="RunId">The account's run (<c>paper-NAME</c>).</param>
/// <param name="InitialCapital">The cash it started with, its value until a close is stored.</param>
/// <param name="Equity">The last equity snapshot; null before the first close was stored.</param>
/// <param name="OpenPositions">Positions not closed.</param>
/// <param name="OpenOrders">Orders stored as intents or accepted and not yet filled, refused or cancelled.</param>
/// <param name="LastCandles">Each market's candle at its latest stored decision.</param>
public sealed record StoredAccount(
    string RunId,
    decimal InitialCapital,
    EquitySnapshotRecord? Equity,
    IReadOnlyList<PositionRecord> OpenPositions,
    IReadOnlyList<OrderRecord> OpenOrders,
    IReadOnlyDictionary<MarketSymbol, Candle> LastCandles);
