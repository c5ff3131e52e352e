using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine;
using CryptoFunk.Markets;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Orchestration;

/// <summary>A gently rising synthetic market and the services a decision needs, without any model.</summary>
internal static class DecisionFixtures
{
    public static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");

    public static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Candle> RisingCandles(int count = 300)
    {
        var candles = new Candle[count];
        for (var i = 0; i < count; i++)
        {
            var close = 100m + (i * 0.1m) + ((i % 5) * 0.3m);
            candles[i] = new Candle(Start.AddHours(i), close - 0.2m, close + 0.5m, close - 0.6m, close, 1_000m);
        }

        return candles;
    }

    public static MarketSnapshot Snapshot() =>
        new MarketHistory(Btc, Timeframe.OneHour, RisingCandles()).SnapshotAt(Start.AddHours(300));

    public static DecisionContext Flat(MarketSnapshot snapshot) =>
        new(snapshot, new PortfolioExposure(10_000m, 10_000m, 10_000m, []), Position: null);

    public static DecisionContext Long(MarketSnapshot snapshot, decimal quantity = 10m)
    {
        var position = new Position(Btc, PositionSide.Long, quantity, snapshot.Price - 1m, snapshot.Price - 3m, null, snapshot.DecisionTime, ["entry"], 0m);
        return new(snapshot, new PortfolioExposure(10_000m, 10_000m - (quantity * position.AverageEntryPrice), 10_000m, [position]), position);
    }

    public static ServiceProvider Services(TempDirectory dir, Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={dir.File("cf.db")}",
            ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IEnvironmentVariables>(FakeEnvironmentVariables.Empty);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services
            .AddTradingEngine(new ConfigurationBuilder().AddInMemoryCollection(all).Build())
            .BuildServiceProvider();
    }

    public static DecisionParticipants Participants(IReadOnlyList<Agent> analysts, IReadOnlyList<Agent> strategists, Agent risk) => new(
        new ParallelAgentGroup { Name = "analysis", Members = analysts },
        new ParallelAgentGroup { Name = "strategy", Members = strategists },
        risk);
}
