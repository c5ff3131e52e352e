namespace CryptoFunk.Storage;

/// <summary>A run with how many decisions and closed trades it stored, for the run list.</summary>
public sealed record RunListing(TradingRunRecord Run, int Decisions, int Trades);
