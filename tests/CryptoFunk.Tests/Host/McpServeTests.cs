using System.Globalization;
using System.Text.Json;
using CryptoFunk.Host;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CryptoFunk.Tests.Host;

/// <summary>
/// <c>mcp serve</c> as an MCP client meets it: the built program started over stdio by the SDK's own client, its tools
/// listed and called, the numbers checked against the <c>indicators</c> command for the same bar.
/// </summary>
public sealed class McpServeTests
{
    private const string At = "2021-06-01T00:00:00Z";
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    private static readonly string[] ReadOnlyTools =
    [
        "Indicators_GetSnapshot", "MarketData_GetCandles", "MarketData_GetOrderBook", "MarketData_GetTicker", "Portfolio_GetPositions", "Portfolio_GetSummary",
    ];

    private static Task<McpClient> StartAsync(List<string> stderr, params string[] args) => StartAsync(stderr, new Dictionary<string, string?>(), args);

    private static async Task<McpClient> StartAsync(List<string> stderr, Dictionary<string, string?> environment, params string[] args)
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "cryptofunk",
            Command = "dotnet",
            Arguments = [ProgramProcess.Program, "mcp", "serve", .. args],
            WorkingDirectory = AppContext.BaseDirectory,
            EnvironmentVariables = environment,
            StandardErrorLines = line =>
            {
                lock (stderr)
                {
                    stderr.Add(line);
                }
            },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
    }

    private static JsonElement Json(CallToolResult result)
    {
        Assert.That(result.IsError, Is.Not.True, string.Join('\n', result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return JsonSerializer.Deserialize<JsonElement>(result.Content.OfType<TextContentBlock>().Single().Text);
    }

    [Test]
    public async Task Serves_the_indicators_of_the_bar_closed_at_the_time_as_the_indicators_command_computes_them()
    {
        var stderr = new List<string>();
        await using var client = await StartAsync(stderr, "--data", Data2021, "--symbol", "BTC/USDT", "--at", At);

        var tools = await client.ListToolsAsync();
        var snapshot = Json(await client.CallToolAsync("Indicators_GetSnapshot"));
        var candles = Json(await client.CallToolAsync("MarketData_GetCandles", new Dictionary<string, object?> { ["count"] = 3 }));

        using var dir = new TempDirectory();
        var table = dir.File("indicators.csv");
        Assert.That(await CryptoFunkApp.RunAsync(["indicators", "--data", Data2021, "--output", table], TextWriter.Null, TextWriter.Null, null, CancellationToken.None), Is.Zero);
        var lines = await File.ReadAllLinesAsync(table);
        var header = lines[0].Split(',');
        var row = lines.Single(line => line.StartsWith("2021-05-31T23:00:00Z,", StringComparison.Ordinal)).Split(',');
        double Expected(string column) => double.Parse(row[Array.IndexOf(header, column)], CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(tools.Select(t => t.Name).Order(StringComparer.Ordinal), Is.EqualTo(ReadOnlyTools));
            Assert.That(snapshot.GetProperty("candleCloseTime").GetString(), Is.EqualTo(At));
            Assert.That(snapshot.GetProperty("close").GetDecimal(), Is.EqualTo(37253.81m), "the close of the bar 23:00-00:00");
            foreach (var (tool, column) in new[]
            {
                ("rsi14", "rsi14"), ("macd", "macd"), ("macdSignal", "macd_signal"), ("ema20", "ema20"), ("ema50", "ema50"), ("ema200", "ema200"),
                ("sma20", "sma20"), ("atr14", "atr14"), ("adx14", "adx14"), ("bollingerUpper", "bb_upper"), ("stochasticK", "stoch_k"), ("obv", "obv"),
            })
            {
                var expected = Expected(column);
                Assert.That(snapshot.GetProperty(tool).GetDouble(), Is.EqualTo(expected).Within(Math.Abs(expected) * 1e-5), tool);
            }

            Assert.That(candles.GetProperty("candles").EnumerateArray().Last()[0].GetString(), Is.EqualTo("2021-05-31T23:00:00Z"), "no candle after the time");
            Assert.That(stderr, Has.None.Contains("fail"), "nothing failed");
        });
    }

    [Test]
    public async Task Lists_no_order_tool_without_allow_orders_and_places_paper_orders_with_it()
    {
        var stderr = new List<string>();
        await using (var readOnly = await StartAsync(stderr, "--data", Data2021, "--symbol", "BTC/USDT"))
        {
            var tools = await readOnly.ListToolsAsync();
            Assert.That(tools.Select(t => t.Name), Has.None.StartsWith("Orders_"));
            Assert.That(tools.All(t => t.ProtocolTool.Annotations?.ReadOnlyHint == true), Is.True);
        }

        await using var trading = await StartAsync(stderr, "--data", Data2021, "--symbol", "BTC/USDT", "--at", At, "--allow-orders", "--capital", "5000");
        var names = (await trading.ListToolsAsync()).Select(t => t.Name).ToList();
        var placed = Json(await trading.CallToolAsync("Orders_PlaceOrder", new Dictionary<string, object?>
        {
            ["side"] = "buy", ["quantity"] = 0.01m, ["clientOrderId"] = "mcp-1", ["stopLoss"] = 36000m,
        }));
        var summary = Json(await trading.CallToolAsync("Portfolio_GetSummary"));

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.SupersetOf(ReadOnlyTools).And.Contains("Orders_PlaceOrder").And.Contains("Orders_CancelOrder"));
            Assert.That(placed.GetProperty("status").GetString(), Is.EqualTo("accepted"));
            Assert.That(placed.GetProperty("decisionTime").GetString(), Is.EqualTo(At), "placed at the served time, never a caller's");
            Assert.That(summary.GetProperty("cash").GetDecimal(), Is.EqualTo(5000m));
            Assert.That(summary.GetProperty("openOrders").GetInt32(), Is.EqualTo(1), "waits for the next bar's open");
        });
    }

    [Test]
    public async Task Serves_a_stored_paper_account_read_only_as_its_last_close_left_it()
    {
        using var dir = new TempDirectory();
        var db = $"Data Source={dir.File("cf.db")}";
        var summaryFile = dir.File("paper.json");
        string[] paper = ["paper", "--symbols", "BTC/USDT", "--replay", Data2021, "--from", "2021-03-01", "--to", "2021-03-04", "--account", "demo", "--db", db, "--json", summaryFile];
        Assert.That(await CryptoFunkApp.RunAsync(paper, TextWriter.Null, TextWriter.Null, null, CancellationToken.None), Is.Zero);
        using var error = new StringWriter();
        var withOrders = await CryptoFunkApp.RunAsync(["mcp", "serve", "--data", Data2021, "--symbol", "BTC/USDT", "--account", "demo", "--allow-orders", "--db", db], TextWriter.Null, error, null, CancellationToken.None);
        var early = await CryptoFunkApp.RunAsync(["mcp", "serve", "--data", Data2021, "--symbol", "BTC/USDT", "--at", "2021-03-03T00:00:00Z", "--account", "demo", "--db", db], TextWriter.Null, error, null, CancellationToken.None);
        var stored = JsonSerializer.Deserialize<JsonElement>(await File.ReadAllTextAsync(summaryFile));

        var stderr = new List<string>();
        await using var client = await StartAsync(stderr, "--data", Data2021, "--symbol", "BTC/USDT", "--at", "2021-03-04T00:00:00Z", "--account", "demo", "--db", db);
        var summary = Json(await client.CallToolAsync("Portfolio_GetSummary"));
        var positions = Json(await client.CallToolAsync("Portfolio_GetPositions")).GetProperty("positions");

        Assert.Multiple(() =>
        {
            Assert.That(withOrders, Is.EqualTo(2), "a stored account is only read");
            Assert.That(error.ToString(), Does.StartWith("error: --allow-orders"));
            Assert.That(early, Is.EqualTo(2), "an account stored past the served time would show the future");
            Assert.That(error.ToString(), Does.Contain("error: paper-demo's last stored close 2021-03-04T00:00:00Z is after the served time 2021-03-03T00:00:00Z"));
            Assert.That(summary.GetProperty("equity").GetDecimal(), Is.EqualTo(stored.GetProperty("equity").GetDecimal()).Within(1e-8m));
            Assert.That(summary.GetProperty("cash").GetDecimal(), Is.EqualTo(stored.GetProperty("cash").GetDecimal()).Within(1e-8m));
            Assert.That(positions.GetArrayLength(), Is.EqualTo(stored.GetProperty("positions").GetArrayLength()).And.EqualTo(1), "the entry of 2021-03-03 is still open");
            var position = stored.GetProperty("positions")[0];
            Assert.That(positions[0].GetProperty("markPrice").GetDecimal(), Is.EqualTo(position.GetProperty("mark_price").GetDecimal()).And.EqualTo(50349.37m), "marked at the last stored close");
            Assert.That(positions[0].GetProperty("quantity").GetDecimal(), Is.EqualTo(position.GetProperty("quantity").GetDecimal()));
            Assert.That(positions[0].GetProperty("unrealisedPnl").GetDecimal(), Is.EqualTo(position.GetProperty("unrealised_pnl").GetDecimal()).Within(1e-8m));
        });
    }

    [Test]
    public async Task Serves_live_candles_closed_by_now_never_the_bar_forming()
    {
        await using var binance = await FakeBinanceServer.StartAsync();
        binance.Clock = TimeProvider.System;
        static DateTimeOffset LatestClose()
        {
            var now = DateTimeOffset.UtcNow.UtcTicks;
            return new DateTimeOffset(now - (now % TimeSpan.TicksPerHour), TimeSpan.Zero);
        }

        var before = LatestClose();

        var stderr = new List<string>();
        await using var client = await StartAsync(stderr, new Dictionary<string, string?> { ["CRYPTOFUNK_Exchange__Binance__BaseUrl"] = binance.BaseUrl.ToString() }, "live", "--symbol", "BTC/USDT");
        var tools = await client.ListToolsAsync();
        var snapshot = Json(await client.CallToolAsync("Indicators_GetSnapshot"));
        var closeTime = snapshot.GetProperty("candleCloseTime").GetDateTimeOffset();

        Assert.Multiple(() =>
        {
            Assert.That(tools.Select(t => t.Name).Order(StringComparer.Ordinal), Is.EqualTo(ReadOnlyTools));
            Assert.That(tools.All(t => t.ProtocolTool.Annotations?.OpenWorldHint == true), Is.True);
            Assert.That(closeTime, Is.EqualTo(before).Or.EqualTo(LatestClose()), "the bar that closed last");
            Assert.That(snapshot.GetProperty("close").GetDecimal(), Is.EqualTo(FakeBinanceServer.CandleAt(closeTime.AddHours(-1)).Close), "its final close, not a provisional one");
            Assert.That(snapshot.GetProperty("ema200").ValueKind, Is.EqualTo(JsonValueKind.Number), "enough bars fetched to warm up every indicator");
        });
    }
}
