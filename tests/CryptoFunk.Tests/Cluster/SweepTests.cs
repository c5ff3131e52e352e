using System.Text.Json.Nodes;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// <c>cryptofunk sweep</c> in one process (a private silo): every combination is its own backtest with its own
/// configuration, equal to <c>backtest</c> run alone with those settings, stored as its own run named after it.
/// </summary>
[NonParallelizable]
public sealed class SweepTests
{
    [Test]
    public async Task Every_combination_equals_the_same_backtest_run_alone_with_its_settings()
    {
        using var directory = new TempDirectory();
        var database = $"Data Source={directory.File("sweep.db")}";
        var none = new Dictionary<string, string?>();

        var sweep = await InProcessProgram.RunAsync(none, SweepRuns.Sweep(database, directory.File("sweep.json")));
        Assert.That(sweep.ExitCode, Is.Zero, sweep.Error);
        var results = await SweepRuns.ResultsAsync(directory.File("sweep.json"));
        var id = (string)JsonNode.Parse(await File.ReadAllTextAsync(directory.File("sweep.json")))!["sweep"]!;

        var alone = new Dictionary<int, JsonObject>();
        foreach (var (combination, result) in results)
        {
            var settings = result["settings"]!.AsObject().ToDictionary(s => s.Key, s => (string?)s.Value!.GetValue<string>());
            var json = directory.File($"alone-{combination}.json");
            var backtest = await InProcessProgram.RunAsync(
                settings, ["backtest", "--data", SweepRuns.Data, "--symbol", "BTC/USDT", .. SweepRuns.Window, "--db", $"Data Source={directory.File("alone.db")}", "--json", json]);
            Assert.That(backtest.ExitCode, Is.Zero, backtest.Error);
            alone[combination] = JsonNode.Parse(await File.ReadAllTextAsync(json))!.AsObject();
        }

        var runs = await InProcessProgram.RunAsync(none, "runs", "--db", database);
        Assert.Multiple(() =>
        {
            Assert.That(results.Keys, Is.EqualTo(Enumerable.Range(1, 8)));
            foreach (var (combination, result) in results)
            {
                Assert.That(JsonNode.DeepEquals(SweepRuns.Comparable(result), SweepRuns.Comparable(alone[combination])), Is.True, $"combination {combination}:\n{result}\nalone:\n{alone[combination]}");
                Assert.That((string)result["run"]!["id"]!, Is.EqualTo($"{id}-c{combination}-btc-usdt"));
                Assert.That(runs.Output, Does.Contain($"{id}-c{combination}-btc-usdt"));
            }

            Assert.That(results.Values.Select(r => r["agents"]!.ToJsonString()).Distinct().Count(), Is.GreaterThanOrEqualTo(4), "the varied settings change the results");
            Assert.That(sweep.Output, Does.Contain("#  symbol    Risk:MaxRiskPerTradeFraction  Risk:MaxStopDistanceFraction  PaperBroker:TakerFeeRate  return"));
            Assert.That(sweep.Error, Does.Contain("sweep: 8 of 8 backtests done"));
        });
    }

    /// <summary>
    /// A backtest that fails for a reason of its own (here an exchange rule the engine refuses when the backtest
    /// starts) is tried once and reported; only a backtest lost with its silo is tried again.
    /// </summary>
    [Test]
    public async Task A_backtest_that_fails_for_its_own_reason_is_tried_once_and_the_others_are_kept()
    {
        using var directory = new TempDirectory();
        var sweep = await InProcessProgram.RunAsync(
            new Dictionary<string, string?>(),
            ["sweep", "--data", SweepRuns.Data, "--symbols", "BTC/USDT", .. SweepRuns.Window, "--vary", "Exchange:Rules:BTC_USDT:StepSize=0.00001,-1", "--db", $"Data Source={directory.File("sweep.db")}", "--json", directory.File("sweep.json")]);
        var results = await SweepRuns.ResultsAsync(directory.File("sweep.json"));
        Assert.Multiple(() =>
        {
            Assert.That(sweep.ExitCode, Is.EqualTo(1), sweep.Error);
            Assert.That((int)results[2]["attempts"]!, Is.EqualTo(1), "tried once");
            Assert.That((string)results[2]["error"]!, Does.Contain("Exchange:Rules:BTC_USDT:StepSize must be a number, zero or more (got '-1')"));
            Assert.That(sweep.Error, Does.Not.Contain("trying it again"));
            Assert.That(sweep.Error.Split('\n').Count(l => l.Contains("#2 BTC/USDT failed", StringComparison.Ordinal)), Is.EqualTo(1), sweep.Error);
            Assert.That(results[1]["error"], Is.Null, "the other combination ran");
        });
    }
}
