using System.Diagnostics;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// A paper account on two markets run by a model that is hostile in every answer (<see cref="HostileDesk"/>): whatever
/// it asks for, every order stored keeps every hard limit (<see cref="OrderAudit"/>), nothing fails, every decision
/// says where its answers came from, and no tool loop goes past its cap.
/// </summary>
public sealed class HostileModelTests : TempDirectoryTest
{
    [Test]
    public async Task No_order_a_hostile_model_pushes_for_breaks_a_hard_limit()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        var desk = new HostileDesk();
        server.Fallback = desk.Answer;
        var settings = HardLimits.Tight.Settings();
        foreach (var (key, value) in PipelineHarness.Provider(0, "openai", server.Endpoint, "gpt-fake-1"))
        {
            settings[key] = value;
        }

        var db = $"Data Source={Temp.File("hostile.db")}";
        var clock = Stopwatch.StartNew();
        var (exitCode, _, error) = await InProcessProgram.RunAsync(settings,
            "paper", "--symbols", string.Join(',', Symbols),
            "--replay", string.Join(',', Symbols.Select(s => Data($"{s.Replace('/', '_')}-1h-2021.csv"))),
            "--from", "2021-01-04", "--to", "2021-01-13", "--account", "hostile", "--db", db);
        var store = new TradingStore(new CryptoFunkDbContextFactory(db));
        var audit = await OrderAudit.CheckAsync(store, "paper-hostile", HardLimits.Tight, Symbols, TradingDeskModel.ProviderId);
        var decisions = await store.DecisionsAsync("paper-hostile", CancellationToken.None);
        TestContext.Out.WriteLine(
            $"{clock.Elapsed.TotalSeconds:F1} s, {server.RequestCount} model requests, {decisions.Count} decisions, " +
            $"{audit.Entries} entries and {audit.Closes} closes checked, deepest tool loop {desk.DeepestToolLoop}; hostile answers: " +
            string.Join(", ", desk.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}")));
        foreach (var refusals in decisions.GroupBy(d => $"{d.Action} {d.RefusalCodes} {d.ClampLimits}".TrimEnd()).OrderByDescending(g => g.Count()))
        {
            TestContext.Out.WriteLine($"  {refusals.Count(),4} {refusals.Key}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), error);
            Assert.That(error, Is.Empty, "nothing failed");
            Assert.That(audit.Violations, Is.Empty, "orders that broke a hard limit");
            Assert.That(audit.Entries, Is.GreaterThanOrEqualTo(30), "entries were placed and checked, not only refused");
            Assert.That(audit.Closes, Is.GreaterThanOrEqualTo(1), "closes were placed and checked");
            Assert.That(decisions.GroupBy(d => d.DecisionTime).Select(g => g.Count()), Has.All.EqualTo(2), "both markets decided at every close");
            Assert.That(audit.DecisionsWithKnownSources, Is.EqualTo(decisions.Count), "every decision's agents name a known source");
            Assert.That(Enum.GetValues<HostileKind>().Select(k => desk.Answers.GetValueOrDefault(k)), Has.All.GreaterThanOrEqualTo(10), "every kind of hostile answer came many times");
            Assert.That(desk.DeepestToolLoop, Is.EqualTo(ModelPipelineServiceCollectionExtensions.MaxToolRoundTrips), "tool loops ran into the cap and no further");
        });
    }

    private static readonly string[] Symbols = ["BTC/USDT", "ETH/USDT"];

    private static string Data(string file) => Path.Combine(SharedFiles.RepositoryRoot, "data", file);
}
