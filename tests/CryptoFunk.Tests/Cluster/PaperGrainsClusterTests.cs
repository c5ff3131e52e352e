using CryptoFunk.Cluster.Paper;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// Issue 12's acceptance: one paper account on ten markets in a cluster of two silos (Orleans' in-process test
/// cluster, the grains' services as the program registers them, one SQLite journal both silos write to), the silo that
/// hosts the account stopped mid-run. Its grains come back on the other silo from the stored journal, the run
/// finishes, and the journal must show every (account, market, close) decided once, no order twice, and the account an
/// uninterrupted one-process run of the same candles ends with.
/// </summary>
public sealed class PaperGrainsClusterTests
{
    private const string Account = "grains";
    private const string RunId = "paper-grains";
    private const decimal Capital = 10_000m;
    private const int StopAfter = 16;
    private static readonly DateTimeOffset From = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2021, 3, 3, 0, 0, 0, TimeSpan.Zero);

    private TempDirectory _dir = null!;

    [SetUp]
    public void CreateDirectory() => _dir = new TempDirectory();

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Test]
    public async Task Ten_markets_on_one_account_survive_a_stopped_silo_and_end_as_one_process_ends()
    {
        var markets = await TenMarkets.LoadAsync(From, To);
        var whole = Settings("whole.db");
        await using (var single = Services(whole))
        {
            await single.GetRequiredService<PaperTrader>().RunAsync(new PaperRequest(Account, Capital, Feed(markets)), null, CancellationToken.None);
        }

        var clustered = Settings("cluster.db");
        await using var client = Services(clustered);
        var cluster = Cluster(clustered);
        await cluster.DeployAsync();
        try
        {
            var (stopped, moved, log) = await RunInClusterAsync(cluster, client, markets);
            TestContext.Out.WriteLine($"the stopped silo hosted the account and {moved} of 10 market grains; the driver logged:\n{string.Join('\n', log)}");
            Assert.Multiple(() =>
            {
                Assert.That(stopped, Is.True, "the account's grain was on the stopped silo and came back on the other");
                Assert.That(log.Count(line => line.StartsWith("opening account", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(2), "opened at the start and again after the stop");
            });
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }

        await AssertSameAccountAsync(new TradingStore(new CryptoFunkDbContextFactory(whole["Database:ConnectionString"]!)), client.GetRequiredService<TradingStore>(), markets.Count);
    }

    /// <summary>Drives the account through the cluster, stopping the silo that hosts it after <see cref="StopAfter"/> closes, while the next close runs.</summary>
    private static async Task<(bool Stopped, int Moved, IReadOnlyList<string> Log)> RunInClusterAsync(InProcessTestCluster cluster, ServiceProvider client, IReadOnlyList<MarketHistory> markets)
    {
        await client.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var store = client.GetRequiredService<TradingStore>();
        await store.StartRunAsync(
            new TradingRunRecord
            {
                Id = RunId, Kind = TradingRunKinds.Paper, Symbol = string.Join(",", markets.Select(m => m.Symbol)), Interval = "1h",
                InitialCapital = Capital, LlmMode = "rules", StartedAt = DateTimeOffset.UtcNow, Owner = RunOwner.Current,
            },
            CancellationToken.None);
        var feed = Feed(markets);
        var histories = await feed.StartAsync(null, CancellationToken.None);
        var book = client.GetRequiredService<ExchangeRuleBook>();
        var logger = new ListLogger<ClusterPaperAccount>();
        var account = new ClusterPaperAccount(
            cluster.Client, new PaperAccountOpening(Account, Capital, histories, histories.ToDictionary(m => m.Symbol, m => book.For(m.Symbol)), OrderBooks: false), TimeProvider.System, logger);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var accountGrain = cluster.Client.GetGrain<IPaperAccountGrain>(Account);
        Task? stopping = null;
        SiloAddress? stoppedAt = null;
        var moved = 0;
        var closes = 0;
        while (await feed.NextCloseAsync(CancellationToken.None) is { } close)
        {
            await account.StepAsync(close, CancellationToken.None);
            if (++closes == StopAfter)
            {
                stoppedAt = await management.GetActivationAddress(accountGrain);
                foreach (var market in markets)
                {
                    moved += await management.GetActivationAddress(cluster.Client.GetGrain<IPaperMarketGrain>(PaperGrainKeys.Market(Account, market.Symbol))) == stoppedAt ? 1 : 0;
                }

                // Not awaited: the next closes run while the silo shuts down, and must be finished elsewhere.
                stopping = cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress == stoppedAt));
            }
        }

        await stopping!;
        var hostNow = await management.GetActivationAddress(accountGrain);
        return (stoppedAt is not null && hostNow is not null && hostNow != stoppedAt, moved, [.. logger.Entries.Select(e => e.Message)]);
    }

    private static async Task AssertSameAccountAsync(TradingStore whole, TradingStore clustered, int marketCount)
    {
        var decisions = await clustered.DecisionsAsync(RunId, CancellationToken.None);
        var orders = await clustered.OrdersAsync(RunId, CancellationToken.None);
        var fills = await clustered.FillsAsync(RunId, CancellationToken.None);
        var equity = await clustered.EquityAsync(RunId, CancellationToken.None);
        var positions = await clustered.PositionsAsync(RunId, CancellationToken.None);
        var wholeDecisions = await whole.DecisionsAsync(RunId, CancellationToken.None);
        var wholeOrders = await whole.OrdersAsync(RunId, CancellationToken.None);
        var wholeFills = await whole.FillsAsync(RunId, CancellationToken.None);
        var wholeEquity = await whole.EquityAsync(RunId, CancellationToken.None);
        var wholePositions = await whole.PositionsAsync(RunId, CancellationToken.None);
        TestContext.Out.WriteLine($"{equity.Count} closes, {decisions.Count} decisions, {orders.Count} orders, {fills.Count} fills; final equity {equity[^1].Equity}");
        Assert.Multiple(() =>
        {
            Assert.That(equity, Has.Count.EqualTo(2 * 24), "every close of the window settled");
            Assert.That(decisions, Has.Count.EqualTo(marketCount * ((2 * 24) - 1)), "every market decided at every close but the last");
            Assert.That(decisions.Select(d => (d.Symbol, d.DecisionTime)).Distinct().Count(), Is.EqualTo(decisions.Count), "no (market, close) decided twice");
            Assert.That(decisions, Has.Count.EqualTo(wholeDecisions.Count), "as many decisions as one process made");
            Assert.That(decisions.Select(d => d.Symbol).Distinct().Count(), Is.EqualTo(marketCount), "all ten markets decided");
            Assert.That(orders.Select(o => o.ClientOrderId).Distinct().Count(), Is.EqualTo(orders.Count), "no order id twice");
            Assert.That(fills.Where(f => f.Reason == FillReasons.Market).GroupBy(f => f.OrderId).Select(g => g.Count()), Has.All.EqualTo(1), "no order executed twice");
            Assert.That(orders.Where(o => o.Status == OrderStatuses.Intent), Is.Empty, "no intent left unresolved");
            Assert.That(orders, Is.Not.Empty, "the account traded, so the comparison means something");

            Assert.That(Lines(decisions.Select(d => $"{d.Symbol} {d.DecisionTime:O} {d.Action} {d.Quantity} {d.OrderId} {d.RefusalCodes} {d.Reason}")),
                Is.EqualTo(Lines(wholeDecisions.Select(d => $"{d.Symbol} {d.DecisionTime:O} {d.Action} {d.Quantity} {d.OrderId} {d.RefusalCodes} {d.Reason}"))), "the same decisions");
            Assert.That(Lines(orders.Select(o => $"{o.ClientOrderId} {o.Side} {o.Quantity} {o.StopLoss} {o.TakeProfit} {o.Status}")),
                Is.EqualTo(Lines(wholeOrders.Select(o => $"{o.ClientOrderId} {o.Side} {o.Quantity} {o.StopLoss} {o.TakeProfit} {o.Status}"))), "the same orders");
            Assert.That(fills.Count, Is.EqualTo(wholeFills.Count), "as many fills");
            Assert.That(fills.Zip(wholeFills).All(pair => pair.First.SameAs(pair.Second)), Is.True, "the same fills in the same order");
            Assert.That(Lines(equity.Select(e => $"{e.Time:O} {e.Cash} {e.Equity} {e.PeakEquity}")), Is.EqualTo(Lines(wholeEquity.Select(e => $"{e.Time:O} {e.Cash} {e.Equity} {e.PeakEquity}"))), "the same equity curve");
            Assert.That(Lines(positions.Select(p => $"{p.Symbol} {p.OpenedAt:O} {p.Quantity} {p.EntryPrice} {p.ClosedAt:O} {p.ExitPrice} {p.Pnl}")),
                Is.EqualTo(Lines(wholePositions.Select(p => $"{p.Symbol} {p.OpenedAt:O} {p.Quantity} {p.EntryPrice} {p.ClosedAt:O} {p.ExitPrice} {p.Pnl}"))), "the same positions");
        });
    }

    private static List<string> Lines(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    private static ReplayFeed Feed(IReadOnlyList<MarketHistory> markets) => new(markets, "ten markets", From, To, speed: null, TimeProvider.System);

    private Dictionary<string, string?> Settings(string database) => new()
    {
        ["Database:ConnectionString"] = $"Data Source={_dir.File(database)}",
        ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts"),
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection().AddLogging().AddTradingEngine(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();

    /// <summary>Two silos, each with the program's engine services over the same journal, hosting the paper grains.</summary>
    private static InProcessTestCluster Cluster(Dictionary<string, string?> settings)
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddTradingEngine(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddPaperGrains());
        builder.ConfigureClient(client => client.AddPaperGrainsClient());
        return builder.Build();
    }
}
