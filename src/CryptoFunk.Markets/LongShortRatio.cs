namespace CryptoFunk.Markets;

/// <summary>
/// How the accounts holding a perpetual futures market are split between long and short at one reading: a crowd far
/// to one side is the contrarian's warning.
/// </summary>
/// <param name="Ratio">Long accounts per short account (1.5 means 60 % long, 40 % short).</param>
/// <param name="LongShare">Share of accounts net long, 0 to 1.</param>
/// <param name="ShortShare">Share of accounts net short, 0 to 1.</param>
/// <param name="Time">When the reading was taken.</param>
public sealed record LongShortRatio(decimal Ratio, decimal LongShare, decimal ShortShare, DateTimeOffset Time);
