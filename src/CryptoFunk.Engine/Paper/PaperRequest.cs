namespace CryptoFunk.Engine.Paper;

/// <summary>What to paper-trade: one account, its starting cash, on the markets a feed delivers.</summary>
/// <param name="Account">The account's name; its run, decisions and orders are stored under it.</param>
/// <param name="Capital">Starting cash in the quote asset.</param>
/// <param name="Feed">Candles and clock: replayed files or live data.</param>
public sealed record PaperRequest(string Account, decimal Capital, MarketFeed Feed);
