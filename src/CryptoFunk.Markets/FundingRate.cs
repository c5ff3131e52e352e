namespace CryptoFunk.Markets;

/// <summary>
/// The funding rate a perpetual futures market last settled: positive when longs pay shorts (the crowd leans long and
/// pays to stay so), negative when shorts pay longs. Read for sentiment; CryptoFunk trades spot only.
/// </summary>
/// <param name="Rate">The rate per funding period as a fraction (0.0001 is 0.01 %), as the exchange wrote it.</param>
/// <param name="Time">When that funding was settled; only rates settled at or before a decision are shown to it.</param>
public sealed record FundingRate(decimal Rate, DateTimeOffset Time);
