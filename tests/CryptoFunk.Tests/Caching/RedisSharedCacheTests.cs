using System.Text.Json.Nodes;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CryptoFunk.Tests.Caching;

/// <summary>
/// Model answers in Redis are shared by every process: a second backtest with a database of its own is answered
/// entirely from Redis and decides the same, and a Redis that dies mid-run is skipped and counted while the run
/// completes on answers from known sources.
/// </summary>
public sealed class RedisSharedCacheTests : TempDirectoryTest
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");
    private string[] Backtest(string name, string from, string to) =>
        ["backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", from, "--to", to, "--db", $"Data Source={Temp.File(name + ".db")}", "--json", Temp.File(name + ".json")];

    private async Task<JsonNode> SummaryAsync(string name) => JsonNode.Parse(await File.ReadAllTextAsync(Temp.File(name + ".json")))!;

    /// <summary>Every agent answer a run stored, in order: when, who, what, how sure, why, and where it came from.</summary>
    private async Task<List<(DateTimeOffset Time, string Agent, string Action, decimal Confidence, string Reasoning, string Source)>> AnswersAsync(string name)
    {
        await using var context = new CryptoFunkDbContextFactory($"Data Source={Temp.File(name + ".db")}").CreateDbContext();
        var rows = await context.AgentDecisions.AsNoTracking().ToListAsync();
        return [.. rows.OrderBy(a => a.Timestamp).ThenBy(a => a.AgentName, StringComparer.Ordinal)
            .Select(a => (a.Timestamp, a.AgentName, a.Action, a.Confidence, a.Reasoning, a.Source))];
    }

    [Test]
    public async Task A_second_process_with_its_own_database_is_answered_from_Redis_without_one_provider_call()
    {
        await using var redis = await TestRedis.ConnectAsync();
        await using var model = await TradingDeskModel.StartAsync();
        var settings = new Dictionary<string, string?>(model.Settings.Concat(redis.Settings));

        // The first run in this process, the second in a program process of its own: nothing is shared but Redis.
        var firstRun = await InProcessProgram.RunAsync(settings, Backtest("first", "2021-01-04", "2021-01-04T12:00:00Z"));
        Assert.That(firstRun.ExitCode, Is.Zero, firstRun.Error);
        var afterFirst = model.RequestCount;
        using (var program = ProgramProcess.StartIn(Temp.Path, ProgramProcess.Environment(settings), Backtest("second", "2021-01-04", "2021-01-04T12:00:00Z")))
        {
            Assert.That(await program.WaitAsync(TimeSpan.FromMinutes(2)), Is.Zero, string.Join('\n', program.Lines));
        }

        var afterSecond = model.RequestCount;
        var (first, second) = (await SummaryAsync("first"), await SummaryAsync("second"));
        var (firstAnswers, secondAnswers) = (await AnswersAsync("first"), await AnswersAsync("second"));
        TestContext.Out.WriteLine($"provider calls: first process {afterFirst}, second process {afterSecond - afterFirst}; second's cache hits {second["llm"]!["cache_hits"]}");
        Assert.Multiple(() =>
        {
            Assert.That(afterFirst, Is.GreaterThan(0), "the first process asked the provider");
            Assert.That(afterSecond - afterFirst, Is.Zero, "the second process asked the provider nothing");
            Assert.That(first["llm"]!["calls"]!.GetValue<int>(), Is.EqualTo(afterFirst));
            Assert.That(second["llm"]!["calls"]!.GetValue<int>(), Is.Zero);
            Assert.That(second["llm"]!["cache_hits"]!.GetValue<int>(), Is.EqualTo(afterFirst), "every call was a Redis hit");
            Assert.That(second["llm"]!["cache_unavailable"]!.GetValue<int>(), Is.Zero);
            Assert.That(secondAnswers.Select(a => a.Source).Distinct(), Is.EqualTo(new[] { "cache" }));
            Assert.That(secondAnswers.Select(a => (a.Time, a.Agent, a.Action, a.Confidence, a.Reasoning)), Is.EqualTo(firstAnswers.Select(a => (a.Time, a.Agent, a.Action, a.Confidence, a.Reasoning))), "the same answers");
            Assert.That(second["decisions"]!["by_action"]!.ToJsonString(), Is.EqualTo(first["decisions"]!["by_action"]!.ToJsonString()));
            Assert.That(second["agents"]!.ToJsonString(), Is.EqualTo(first["agents"]!.ToJsonString()), "the same trades and result");
        });
    }

    [Test]
    public async Task Recordings_in_Redis_replay_against_a_new_database()
    {
        await using var redis = await TestRedis.ConnectAsync();
        await using var model = await TradingDeskModel.StartAsync();
        var settings = new Dictionary<string, string?>(model.Settings.Concat(redis.Settings));

        var recorded = await InProcessProgram.RunAsync(settings, [.. Backtest("recorded", "2021-01-04", "2021-01-04T12:00:00Z"), "--llm-mode", "record"]);
        var calls = model.RequestCount;
        var replayed = await InProcessProgram.RunAsync(settings, [.. Backtest("replayed", "2021-01-04", "2021-01-04T12:00:00Z"), "--llm-mode", "replay"]);

        Assert.That(recorded.ExitCode, Is.Zero, recorded.Error);
        Assert.That(replayed.ExitCode, Is.Zero, replayed.Error);
        var ttls = await Task.WhenAll((await redis.KeysAsync()).Where(k => k.ToString().Contains(":answer:", StringComparison.Ordinal)).Select(k => redis.Database.KeyTimeToLiveAsync(k)));
        Assert.Multiple(async () =>
        {
            Assert.That(calls, Is.GreaterThan(0));
            Assert.That(model.RequestCount, Is.EqualTo(calls), "replay asked the provider nothing");
            Assert.That(ttls, Has.Length.EqualTo(calls).And.All.Null, "every recording is kept, none expires");
            Assert.That((await SummaryAsync("replayed"))["llm"]!["replayed"]!.GetValue<int>(), Is.EqualTo(calls));
            Assert.That((await AnswersAsync("replayed")).Select(a => (a.Time, a.Agent, a.Action, a.Reasoning)), Is.EqualTo((await AnswersAsync("recorded")).Select(a => (a.Time, a.Agent, a.Action, a.Reasoning))));
        });
    }

    [Test]
    public async Task A_Redis_killed_mid_run_is_skipped_and_counted_and_the_run_completes_on_answers_from_known_sources()
    {
        using var server = await PrivateRedisServer.StartAsync();
        await using var model = await TradingDeskModel.StartAsync();
        var settings = new Dictionary<string, string?>(model.Settings)
        {
            ["Llm:Cache:Redis"] = server.ConnectionString,
        };

        // Half a day answered and kept in Redis; then two days, the first half day from Redis, and Redis killed soon after.
        var warm = await InProcessProgram.RunAsync(settings, Backtest("warm", "2021-01-04", "2021-01-04T12:00:00Z"));
        Assert.That(warm.ExitCode, Is.Zero, warm.Error);
        var warmCalls = model.RequestCount;
        var run = InProcessProgram.RunAsync(settings, Backtest("outage", "2021-01-04", "2021-01-06"));
        while (!run.IsCompleted && model.RequestCount < warmCalls + 20)
        {
            await Task.Delay(5);
        }

        server.Kill();
        var (exitCode, output, error) = await run;

        Assert.That(exitCode, Is.Zero, error);
        var summary = await SummaryAsync("outage");
        var llm = summary["llm"]!;
        var answers = await AnswersAsync("outage");
        TestContext.Out.WriteLine($"outage run: {llm["calls"]} provider calls, {llm["cache_hits"]} cache hits, cache_unavailable {llm["cache_unavailable"]}; sources {string.Join(", ", answers.GroupBy(a => a.Source).Select(g => $"{g.Key} {g.Count()}"))}");
        Assert.Multiple(async () =>
        {
            Assert.That(llm["cache_hits"]!.GetValue<int>(), Is.GreaterThan(0), "served from Redis before it died");
            Assert.That(llm["calls"]!.GetValue<int>(), Is.GreaterThan(20), "answered by the provider after it died");
            Assert.That(llm["cache_unavailable"]!.GetValue<int>(), Is.GreaterThan(0), "the skipped cache operations are counted");
            Assert.That(output, Does.Contain($"warning: the answer cache could not be reached {llm["cache_unavailable"]} times (cache_unavailable)"));
            Assert.That(summary["decisions"]!["degraded"]!.GetValue<int>(), Is.Zero, "no agent fell back or abstained");
            Assert.That(answers.Select(a => a.Source).Distinct(), Is.SubsetOf(new[] { "cache", $"llm:{TradingDeskModel.ProviderId}" }), "every answer from the cache or the model");
            Assert.That(answers.Where(a => a.Time < new DateTimeOffset(2021, 1, 4, 12, 0, 0, TimeSpan.Zero)).Select(a => (a.Time, a.Agent, a.Action, a.Reasoning)),
                Is.EqualTo((await AnswersAsync("warm")).Select(a => (a.Time, a.Agent, a.Action, a.Reasoning))), "the days served from Redis decided as when they were asked");
        });
    }
}
