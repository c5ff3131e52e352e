using CryptoFunk.Cluster.Paper;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
public sealed class PaperGrainsClusterTests : TempDirectoryTest
{
    private const string Account = "grains";
    private const string RunId = "paper-grains";
    private const decimal Capital = 10_000m;
    private const int StopAfter = 16;
    private static readonly DateTimeOffset From = new(2021, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2021, 3, 3, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Ten_markets_on_one_account_survive_a_stopped_silo_and_end_as_one_process_ends()
    {
        var markets = await TenMarkets.LoadAsync(From, To);
        var whole = Settings("whole.db");
        await using (var single = Services(whole))
        {
            Assert.That(single.GetRequiredService<IPaperAccountHost>(), Is.TypeOf<LocalPaperAccountHost>(), "the reference runs in one process, without Orleans");
            await single.GetRequiredService<PaperTrader>().RunAsync(new PaperRequest(Account, Capital, Feed(markets)), null, CancellationToken.None);
        }

        var clustered = Settings("cluster.db");
        var cluster = Cluster(clustered);
        await cluster.DeployAsync();
        var logger = new ListLogger<GrainPaperAccountHost>();
        await using var client = Services(clustered, services => services
            .AddSingleton<IPaperAccountHost>(new GrainPaperAccountHost(cluster.Client, TimeProvider.System, logger, isClient: true)));
        try
        {
            var (stopped, moved) = await RunInClusterAsync(cluster, client, markets);
            var log = logger.Entries.Select(e => e.Message).ToList();
            TestContext.Out.WriteLine($"the stopped silo hosted the account and {moved} of 10 market grains; the account host logged:\n{string.Join('\n', log)}");
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

    /// <summary>
    /// Runs the account as <c>paper</c> does, its account and markets in the cluster's grains, stopping the silo that
    /// hosts the account after <see cref="StopAfter"/> closes, while the next closes run.
    /// </summary>
    private static async Task<(bool Stopped, int Moved)> RunInClusterAsync(InProcessTestCluster cluster, ServiceProvider client, IReadOnlyList<MarketHistory> markets)
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var accountGrain = cluster.Client.GetGrain<IPaperAccountGrain>(Account);
        Task<(SiloAddress At, int Moved)>? stopping = null;
        var closes = 0;
        var progress = new InlineProgress<PaperStep>(_ =>
        {
            if (++closes == StopAfter)
            {
                // Not awaited: the next closes run while the silo shuts down, and must be finished elsewhere.
                stopping = Task.Run(async () =>
                {
                    var at = (await management.GetActivationAddress(accountGrain))!;
                    var moved = 0;
                    foreach (var market in markets)
                    {
                        moved += await management.GetActivationAddress(cluster.Client.GetGrain<IPaperMarketGrain>(PaperGrainKeys.Market(Account, market.Symbol))) == at ? 1 : 0;
                    }

                    await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress == at));
                    return (at, moved);
                });
            }
        });

        var report = await client.GetRequiredService<PaperTrader>().RunAsync(new PaperRequest(Account, Capital, Feed(markets)), progress, CancellationToken.None);
        var (stoppedAt, movedGrains) = await stopping!;
        var hostNow = await management.GetActivationAddress(accountGrain);
        TestContext.Out.WriteLine($"report: {report.Closes} closes, {report.Tally.Decisions} decisions, equity {report.Equity}");
        return (hostNow is not null && hostNow != stoppedAt, movedGrains);
    }

    private static async Task AssertSameAccountAsync(TradingStore whole, TradingStore clustered, int marketCount)
    {
        var decisions = await clustered.DecisionsAsync(RunId, CancellationToken.None);
        var equity = await clustered.EquityAsync(RunId, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(equity, Has.Count.EqualTo(2 * 24), "every close of the window settled");
            Assert.That(decisions, Has.Count.EqualTo(marketCount * ((2 * 24) - 1)), "every market decided at every close but the last");
            Assert.That(decisions.Select(d => d.Symbol).Distinct().Count(), Is.EqualTo(marketCount), "all ten markets decided");
        });
        await SamePaperAccount.AssertAsync(whole, clustered, RunId);
    }

    private static ReplayFeed Feed(IReadOnlyList<MarketHistory> markets) => new(markets, "ten markets", From, To, speed: null, TimeProvider.System);

    private Dictionary<string, string?> Settings(string database) => new()
    {
        ["Database:ConnectionString"] = $"Data Source={Temp.File(database)}",
        ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts"),
    };

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<IServiceCollection>? add = null)
    {
        var services = new ServiceCollection().AddLogging();
        add?.Invoke(services);
        return services.AddTradingEngine(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }

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
