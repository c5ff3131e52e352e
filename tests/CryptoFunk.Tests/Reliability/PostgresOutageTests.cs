using System.Text.Json.Nodes;
using CryptoFunk.Storage;
using CryptoFunk.Tests.Backtesting;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using Npgsql;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// A paper account on PostgreSQL whose server stops mid-run: trading pauses with a clear message, no order is placed
/// without its stored intent, and once the server is back the account goes on to end exactly where a run that never
/// lost its database ends, with every close decided once and every order stored once.
/// </summary>
public sealed class PostgresOutageTests : TempDirectoryTest
{
    private const string RunId = "paper-outage";
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);
    private static readonly DateTimeOffset FirstClose = new(2021, 1, 1, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// With the rules engine only the journal's writes meet the outage; with a model the answer cache's reads and the
    /// call log's writes meet it too, in the middle of a decision.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public async Task When_the_server_stops_mid_run_trading_pauses_and_resumes_with_nothing_lost_or_doubled(bool withModel)
    {
        await using var model = await TradingDeskModel.StartAsync();
        var environment = withModel ? ProgramProcess.Environment(model.Settings) : [];
        environment["CRYPTOFUNK_Prompts__Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts");

        using (var whole = ProgramProcess.StartIn(Temp.Path, environment, [.. Replay("max"), "--db", $"Data Source={Temp.File("whole.db")}", "--json", Temp.File("whole.json")]))
        {
            Assert.That(await whole.WaitAsync(TimeSpan.FromMinutes(2)), Is.EqualTo(0), string.Join('\n', whole.Lines.TakeLast(20)));
        }

        // The server stops where the uninterrupted run went longest without an order, so a run that went on deciding during
        // the outage would show it (an order would block on storing its intent anyway).
        var ordered = (await new TradingStore(new CryptoFunkDbContextFactory($"Data Source={Temp.File("whole.db")}")).DecisionsAsync(RunId, CancellationToken.None))
            .Where(d => d.OrderId is not null).Select(d => d.DecisionTime).ToHashSet();
        var quiet = Enumerable.Range(10, 70).MaxBy(i => Enumerable.Range(i, 16).TakeWhile(c => !ordered.Contains(FirstClose.AddHours(c))).Count());

        await using var server = await PrivatePostgresServer.StartAsync();
        using var program = ProgramProcess.StartIn(Temp.Path, environment, [.. Replay("36000"), "--db", server.ConnectionString, "--json", Temp.File("outage.json")]);

        await WaitUntilAsync(async () => await StoredClosesAsync(server.ConnectionString) > quiet, $"{quiet} closes stored before the outage", program);
        await server.StopAsync();
        await WaitUntilAsync(() => Task.FromResult(program.ErrorLines.Any(l => l.Contains("database unreachable", StringComparison.Ordinal))), "the pause message", program);
        // The close whose storing failed may still report; from then on nothing moves until the server is back.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var tradedBeforePause = Traded(program);
        await Task.Delay(Outage);
        var tradedDuringOutage = Traded(program) - tradedBeforePause;
        await server.StartAgainAsync();
        var exitCode = await program.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.That(exitCode, Is.EqualTo(0), string.Join('\n', program.Lines.TakeLast(20)));
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Temp.File("whole.json")))!.AsObject();
        var actual = JsonNode.Parse(await File.ReadAllTextAsync(Temp.File("outage.json")))!.AsObject();
        expected.Remove("run");
        actual.Remove("run");

        var store = new TradingStore(new CryptoFunkDbContextFactory(server.ConnectionString));
        var decisions = await store.DecisionsAsync(RunId, CancellationToken.None);
        var orders = await store.OrdersAsync(RunId, CancellationToken.None);
        var fills = await store.FillsAsync(RunId, CancellationToken.None);
        var closes = actual["closes"]!.GetValue<int>();
        var pause = program.ErrorLines.First(l => l.Contains("database unreachable", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(tradedDuringOutage, Is.Zero, "no close was acted on while the database was down");
            Assert.That(pause, Does.Contain("trading paused"));
            Assert.That(program.ErrorLines, Has.Some.Contains("database reachable again"));
            Assert.That(program.Lines, Has.None.Contains("   at "), "no stack trace");
            Assert.That(actual.ToJsonString(), Is.EqualTo(expected.ToJsonString()), "the account ends as the run that never lost its database");
            Assert.That(decisions.Select(d => (d.Symbol, d.DecisionTime)).Distinct().Count(), Is.EqualTo(decisions.Count), "no close decided twice");
            Assert.That(decisions, Has.Count.EqualTo(2 * (closes - 1)), "every close but the last decided for both markets");
            Assert.That(orders.Select(o => o.ClientOrderId).Distinct().Count(), Is.EqualTo(orders.Count), "no order stored twice");
            Assert.That(orders.Where(o => o.Status == OrderStatuses.Intent), Is.Empty, "no intent left unresolved");
            Assert.That(fills.Select(f => f.OrderId).Except(orders.Select(o => o.ClientOrderId)), Is.Empty, "every order that filled was stored before it went to the broker");
            Assert.That(fills.Where(f => f.Reason == FillReasons.Market).GroupBy(f => f.OrderId).Select(g => g.Count()), Has.All.EqualTo(1), "no order executed twice");
        });
        if (withModel)
        {
            Assert.That(actual["llm"]!["calls"]!.GetValue<int>(), Is.EqualTo(expected["llm"]!["calls"]!.GetValue<int>()).And.GreaterThan(0), "the model was asked as often");
        }

        TestContext.Out.WriteLine($"outage {Outage.TotalSeconds} s after {tradedBeforePause} closes; {closes} closes, {decisions.Count} decisions, {orders.Count} orders, {fills.Count} fills");
    }

    [Test]
    public async Task When_the_server_stays_down_past_the_outage_timeout_the_run_stops_in_one_line_and_the_account_continues_once_it_is_back()
    {
        var environment = new Dictionary<string, string> { ["CRYPTOFUNK_Database__OutageTimeout"] = "00:00:02" };
        using (var whole = ProgramProcess.StartIn(Temp.Path, environment, [.. Replay("max"), "--db", $"Data Source={Temp.File("whole.db")}", "--json", Temp.File("whole.json")]))
        {
            Assert.That(await whole.WaitAsync(TimeSpan.FromMinutes(2)), Is.EqualTo(0), string.Join('\n', whole.Lines.TakeLast(20)));
        }

        await using var server = await PrivatePostgresServer.StartAsync();
        int exitCode;
        IReadOnlyList<string> errors;
        using (var program = ProgramProcess.StartIn(Temp.Path, environment, [.. Replay("36000"), "--db", server.ConnectionString]))
        {
            await WaitUntilAsync(async () => await StoredClosesAsync(server.ConnectionString) > 20, "20 closes stored before the outage", program);
            await server.StopAsync();
            exitCode = await program.WaitAsync(TimeSpan.FromMinutes(1));
            errors = [.. program.ErrorLines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal))];
            Assert.That(program.Lines, Has.None.Contains("   at "), "no stack trace");
        }

        await server.StartAgainAsync();
        var stored = await StoredClosesAsync(server.ConnectionString);
        using (var again = ProgramProcess.StartIn(Temp.Path, environment, [.. Replay("max"), "--db", server.ConnectionString, "--json", Temp.File("again.json")]))
        {
            Assert.That(await again.WaitAsync(TimeSpan.FromMinutes(2)), Is.EqualTo(0), string.Join('\n', again.Lines.TakeLast(20)));
        }

        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Temp.File("whole.json")))!.AsObject();
        var actual = JsonNode.Parse(await File.ReadAllTextAsync(Temp.File("again.json")))!.AsObject();
        expected.Remove("run");
        actual.Remove("run");
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(errors, Has.Count.EqualTo(1));
            Assert.That(errors[0], Does.Contain("unreachable for longer than Database:OutageTimeout").And.Contain("a paper account continues when run again"));
            Assert.That(stored, Is.GreaterThan(20).And.LessThan(97), "what came before the outage was kept");
            Assert.That(actual.ToJsonString(), Is.EqualTo(expected.ToJsonString()), "continued, the account ends as the run that never lost its database");
        });
    }

    private static string[] Replay(string speed) =>
    [
        "paper",
        "--symbols", "BTC/USDT,ETH/USDT",
        "--replay", $"{Data("BTC_USDT-1h-2021.csv")},{Data("ETH_USDT-1h-2021.csv")}",
        "--from", "2021-01-01", "--to", "2021-01-05",
        "--speed", speed,
        "--account", "outage",
    ];

    /// <summary>Closes the program has reported acting on (one account line each).</summary>
    private static int Traded(ProgramProcess program) => program.Lines.Count(l => l.Contains(" account equity ", StringComparison.Ordinal));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, ProgramProcess program)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!await condition())
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"waited a minute for {what}:\n{string.Join('\n', program.Lines.TakeLast(20))}");
            await Task.Delay(50);
        }
    }

    private static async Task<int> StoredClosesAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT COUNT(*) FROM equity_snapshots WHERE \"RunId\" = '{RunId}'", connection);
            return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException)
        {
            return 0;   // no tables yet
        }
    }

    private static string Data(string file) => Path.Combine(SharedFiles.RepositoryRoot, "data", file);
}
