namespace CryptoFunk.Storage;

/// <summary>What earlier model calls cost, so a daily budget survives a restart.</summary>
public interface ILlmSpendHistory
{
    /// <summary>US dollars of the calls logged since <paramref name="since"/>.</summary>
    Task<decimal> CostSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
