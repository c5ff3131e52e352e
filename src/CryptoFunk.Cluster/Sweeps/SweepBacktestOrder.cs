using System.Collections.Immutable;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Markets;

namespace CryptoFunk.Cluster.Sweeps;

/// <summary>
/// One backtest of a sweep as it travels to a silo: the market, window and candles, and the configuration it runs
/// with on top of the silo's own.
/// </summary>
/// <param name="RunId">The stored run's id, naming the sweep, the combination and the market.</param>
/// <param name="Combination">The combination's number in the sweep (1-based).</param>
/// <param name="Symbol">The market (<c>BTC/USDT</c>).</param>
/// <param name="Interval">The bar length's code (<c>1h</c>).</param>
/// <param name="Candles">The candles up to <paramref name="To"/>; those before <paramref name="From"/> warm the indicators up.</param>
/// <param name="From">First decision window start.</param>
/// <param name="To">End, exclusive.</param>
/// <param name="Capital">Starting cash.</param>
/// <param name="DataSource">Where the candles came from.</param>
/// <param name="Settings">The combination's keys and values as shown and stored (secrets redacted).</param>
/// <param name="Configuration">Every key the backtest is configured with on top of the silo's configuration: the combination's real values, the sweep's database and model mode.</param>
/// <param name="Attempt">Which try this is (1-based): a later one replaces what an earlier one lost with its silo stored.</param>
[GenerateSerializer, Immutable]
public sealed record SweepBacktestOrder(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Combination,
    [property: Id(2)] string Symbol,
    [property: Id(3)] string Interval,
    [property: Id(4)] ImmutableArray<SweepCandle> Candles,
    [property: Id(5)] DateTimeOffset From,
    [property: Id(6)] DateTimeOffset To,
    [property: Id(7)] decimal Capital,
    [property: Id(8)] string DataSource,
    [property: Id(9)] ImmutableArray<SweepSetting> Settings,
    [property: Id(10)] ImmutableArray<SweepSetting> Configuration,
    [property: Id(11)] int Attempt = 1)
{
    /// <summary>The backtest to run.</summary>
    public BacktestRequest ToRequest() => new(
        MarketSymbol.Parse(Symbol),
        Timeframe.Parse(Interval),
        [.. Candles.Select(c => c.ToCandle())],
        From,
        To,
        Capital,
        DataSource,
        RunId,
        Settings.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal));
}
