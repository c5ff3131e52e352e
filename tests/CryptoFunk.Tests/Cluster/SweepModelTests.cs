using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// Sweeps with a model (a fake OpenAI-compatible server on 127.0.0.1): the provider's rate limit holds for all the
/// sweep's backtests together, and recorded answers are replayed to every combination from the shared store.
/// </summary>
[NonParallelizable]
public sealed class SweepModelTests
{
    /// <summary>Three hourly bars: two decisions per backtest.</summary>
    private static readonly string[] Window = ["--from", "2021-01-04T00:00:00Z", "--to", "2021-01-04T03:00:00Z"];

    private static string[] Sweep(string database, string mode, string json) =>
        ["sweep", "--data", SweepRuns.Data, "--symbols", "BTC/USDT", .. Window, "--vary", "PaperBroker:TakerFeeRate=0.001,0.002", "--db", database, "--llm-mode", mode, "--json", json];

    [Test]
    public async Task The_backtests_of_a_sweep_together_keep_the_providers_requests_per_minute()
    {
        using var directory = new TempDirectory();
        var arrivals = new ConcurrentQueue<long>();
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Fallback = request =>
        {
            arrivals.Enqueue(Stopwatch.GetTimestamp());
            return TradingDesk.Answer(request);
        };
        var settings = PipelineHarness.Provider(0, "openai", server.Endpoint, "gpt-fake-1");
        settings["Llm:Providers:0:RequestsPerMinute"] = "120";

        var sweep = await InProcessProgram.RunAsync(settings, Sweep($"Data Source={directory.File("sweep.db")}", "live", directory.File("sweep.json")));

        Assert.That(sweep.ExitCode, Is.Zero, sweep.Error);

        // 120 a minute is a slot every 500 ms, so the k-th request is sent at least k slots after the first one's slot.
        // What the fake sees is when requests arrive: the first ones, on cold connections, may arrive up to a second
        // late, so the k-th must arrive no earlier than k slots minus a second after the first. All at once, as the
        // agents ask without a limit, they would arrive within about a second and a half.
        var first = arrivals.Min();
        var times = arrivals.Order().Select(t => Stopwatch.GetElapsedTime(first, t).TotalMilliseconds).ToList();
        var early = times.Select((time, k) => (k, time)).Where(r => r.time < (500 * r.k) - 1000).ToList();
        TestContext.Out.WriteLine($"{times.Count} requests at {string.Join(", ", times.Select(t => t.ToString("0")))} ms");
        Assert.Multiple(() =>
        {
            Assert.That(times, Has.Count.GreaterThanOrEqualTo(10), "both backtests asked the model");
            Assert.That(early, Is.Empty, "requests that came too soon (k, ms after the first)");
        });
    }

    [Test]
    public async Task A_recorded_sweep_replays_every_combination_from_the_shared_database_without_calling_the_model()
    {
        using var directory = new TempDirectory();
        var database = $"Data Source={directory.File("sweep.db")}";
        await using (var model = await TradingDeskModel.StartAsync())
        {
            var record = await InProcessProgram.RunAsync(model.Settings, Sweep(database, "record", directory.File("recorded.json")));
            Assert.That(record.ExitCode, Is.Zero, record.Error);
        }

        await using var silent = await FakeOpenAIServer.StartAsync();
        var replay = await InProcessProgram.RunAsync(
            PipelineHarness.Provider(0, "openai", silent.Endpoint, "gpt-fake-1"), Sweep(database, "replay", directory.File("replayed.json")));

        Assert.That(replay.ExitCode, Is.Zero, replay.Error);
        var recorded = await SweepRuns.ResultsAsync(directory.File("recorded.json"));
        var replayed = await SweepRuns.ResultsAsync(directory.File("replayed.json"));
        Assert.Multiple(() =>
        {
            Assert.That(silent.RequestCount, Is.Zero, "replay never calls the provider");
            Assert.That(recorded.Values.Select(r => (int)r["llm"]!["calls"]!), Has.All.GreaterThan(0), "recording called the model");
            Assert.That(replayed.Values.Select(r => string.Join(",", r["decisions"]!["agent_decisions_by_source"]!.AsObject().Select(s => s.Key))), Has.All.EqualTo("replay"));
            foreach (var (combination, result) in replayed)
            {
                Assert.That(JsonNode.DeepEquals(result["agents"], recorded[combination]["agents"]), Is.True, $"combination {combination} replays to its recorded result");
                Assert.That(JsonNode.DeepEquals(result["decisions"]!["by_action"], recorded[combination]["decisions"]!["by_action"]), Is.True);
            }

            Assert.That(recorded.Values.Select(r => r["agents"]!.ToJsonString()).Distinct().Count(), Is.EqualTo(2), "the combinations differ, so each replays its own recording");
        });
    }
}
