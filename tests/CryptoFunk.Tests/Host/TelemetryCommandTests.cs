using System.Text.Json;
using CryptoFunk.Host;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Host;

/// <summary>
/// <c>cryptofunk telemetry --run</c> after a backtest whose first provider fails every third request: each provider's
/// answered calls and errors by kind, and each agent's fall-over to the other provider, equal what the fake servers
/// served; the run's calls are counted apart from another run's.
/// </summary>
public sealed class TelemetryCommandTests
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CryptoFunkApp.RunAsync(args, output, error, c => c.AddInMemoryCollection(settings), CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string Row(string output, string name) =>
        output.Split('\n').SingleOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal)) ?? $"(no row {name} in\n{output})";

    [Test]
    public async Task Counts_each_providers_answers_and_errors_by_kind_and_each_agents_fallbacks_for_one_run()
    {
        using var dir = new TempDirectory();
        var db = $"Data Source={dir.File("cf.db")}";
        await using var flaky = await FakeOpenAIServer.StartAsync();
        await using var steady = await FakeOpenAIServer.StartAsync();
        var requests = 0;
        var failed = 0;
        flaky.Fallback = request =>
        {
            if (Interlocked.Increment(ref requests) % 3 == 0)
            {
                Interlocked.Increment(ref failed);
                return FakeReply.Json(500, OpenAIWire.Error("upstream failed", "server_error"));
            }

            return TradingDesk.Answer(request);
        };
        steady.Fallback = TradingDesk.Answer;
        var settings = PipelineHarness.Provider(0, "openai", flaky.Endpoint, "flaky-1", maxRetries: 0);
        foreach (var (key, value) in PipelineHarness.Provider(1, "openai", steady.Endpoint, "steady-1", maxRetries: 0))
        {
            settings[key] = value;
        }

        settings["Llm:Providers:0:Name"] = "flaky";
        settings["Llm:Providers:1:Name"] = "steady";
        settings["Llm:Resilience:CircuitBreakerFailureRatio"] = "0.9";
        settings["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts");

        var earlier = await RunAsync(settings, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-03", "--to", "2021-01-04", "--db", db);
        Assert.That(earlier.ExitCode, Is.Zero, earlier.Error);
        (requests, failed) = (0, 0);
        var servedBefore = steady.RequestCount;

        var json = dir.File("summary.json");
        var backtest = await RunAsync(settings, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--db", db, "--json", json);
        Assert.That(backtest.ExitCode, Is.Zero, backtest.Error);
        var runId = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("run").GetProperty("id").GetString()!;

        var (code, output, error) = await RunAsync(settings, "telemetry", "--run", runId, "--db", db);
        await TestContext.Out.WriteLineAsync(output);

        Assert.That(code, Is.Zero, error);
        var fellOver = output.Split('\n').Where(l => l.Contains("other_provider", StringComparison.Ordinal))
            .Sum(l => int.Parse(System.Text.RegularExpressions.Regex.Match(l, @"other_provider (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.GreaterThan(0), "the flaky provider failed some calls");
            Assert.That(output, Does.StartWith($"run {runId}"));
            Assert.That(Row(output, "flaky/flaky-1"), Does.Match($@"^flaky/flaky-1\s+{requests - failed}\s").And.EndWith($"ServerError {failed}"));
            Assert.That(Row(output, "steady/steady-1"), Does.Match($@"^steady/steady-1\s+{steady.RequestCount - servedBefore}\s").And.EndWith("-"));
            Assert.That(fellOver, Is.EqualTo(failed), "every failed call went on to the other provider");
            Assert.That(Row(output, "technical_analysis"), Does.Match(@"^technical_analysis\s+\d+\s+\d+\.\d\s+\d+\.\d\s"));
        });
    }

    [Test]
    public async Task An_unknown_run_is_bad_input()
    {
        using var dir = new TempDirectory();
        var db = $"Data Source={dir.File("cf.db")}";
        var backtest = await RunAsync(new() { ["Prompts:Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts") }, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--db", db);
        Assert.That(backtest.ExitCode, Is.Zero, backtest.Error);

        var (code, _, error) = await RunAsync([], "telemetry", "--run", "bt-nope", "--db", db);

        Assert.That((code, error.Trim()), Is.EqualTo((2, "error: no run bt-nope (see cryptofunk runs)")));
    }
}
