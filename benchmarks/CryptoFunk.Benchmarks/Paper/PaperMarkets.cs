using CryptoFunk.Engine;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Benchmarks.Paper;

/// <summary>
/// Markets and services for the paper-trading benchmarks: the four real hourly series beside the repository (BTC, ETH,
/// BNB, SOL against USDT) and, for more markets than that, seeded random walks named <c>WALK1/USDT</c> and up; a
/// SQLite journal in a temporary folder, configured as the host configures it, on the rules engine.
/// </summary>
internal static class PaperMarkets
{
    private static readonly string[] Real = ["BTC", "ETH", "BNB", "SOL"];

    /// <summary>The first <paramref name="count"/> markets, each holding its candles opening from 2020-10-01 (warm-up) to 2022-01-01.</summary>
    public static async Task<IReadOnlyList<MarketHistory>> LoadAsync(int count)
    {
        var from = new DateTimeOffset(2020, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var markets = new List<MarketHistory>(count);
        for (var i = 0; i < count; i++)
        {
            if (i < Real.Length)
            {
                var series = await CandleFileReader.ReadAsync(Paths.Shared($"data/candles/binance-spot-2017-2022/{Real[i]}_USDT-1h.csv"), CancellationToken.None);
                markets.Add(new MarketHistory(MarketSymbol.Parse($"{Real[i]}/USDT"), Timeframe.OneHour, [.. series.Candles.Where(c => c.OpenTime >= from && c.OpenTime < to)]));
            }
            else
            {
                var walk = i - Real.Length + 1;
                markets.Add(new MarketHistory(MarketSymbol.Parse($"WALK{walk}/USDT"), Timeframe.OneHour, RandomWalk.Hourly(from, (int)(to - from).TotalHours, 100d * walk, 1000d, decimals: 4, seed: walk)));
            }
        }

        return markets;
    }

    /// <summary>The settings of the benchmarks' services: a SQLite file in <paramref name="directory"/>, the repository's prompts, no model.</summary>
    public static Dictionary<string, string?> Settings(string directory) => new()
    {
        ["Database:ConnectionString"] = $"Data Source={Path.Combine(directory, "paper.db")}",
        ["Prompts:Directory"] = Path.Combine(Paths.RepositoryRoot, "prompts"),
    };

    /// <summary>Services over a SQLite file in <paramref name="directory"/>, migrated, with no model configured.</summary>
    public static async Task<ServiceProvider> ServicesAsync(string directory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings(directory)).Build();
        var services = new ServiceCollection().AddLogging().AddTradingEngine(configuration).BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return services;
    }
}
