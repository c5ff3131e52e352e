using System.Text;
using System.Text.Json;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Npgsql;
using StackExchange.Redis;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Secrets never leave through anything the program writes. The real program runs as a child process with fake
/// secrets it reads as a deployment would (provider keys from <c>CRYPTOFUNK_Llm__Providers__0__ApiKey</c>,
/// <c>OPENAI_API_KEY</c> and <c>ANTHROPIC_API_KEY</c>; a webhook URL with a token; a PostgreSQL password; the password
/// of the Redis that holds the answer cache), against
/// models that quote the key back in their errors, a webhook and an OTLP/HTTP collector, with every log category at
/// Trace: a backtest, then every command that reads what it stored. Every form of every secret is looked for in
/// standard output and error, every file written, every table of the database (spans included), the alert bodies,
/// the OTLP payloads and the bodies sent to the models.
/// </summary>
public sealed class SecretLeakTests
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    [Test]
    public async Task No_secret_appears_in_anything_the_program_writes()
    {
        var primaryKey = Canary.Create("provider 0 API key (CRYPTOFUNK_Llm__Providers__0__ApiKey)", "sk-CANARY-primary-");
        var openAIKey = Canary.Create("OPENAI_API_KEY", "sk-CANARY-openai-");
        var anthropicKey = Canary.Create("ANTHROPIC_API_KEY", "sk-ant-CANARY-anthropic-");
        var webhookToken = Canary.Create("Alerts:WebhookUrl token", "T0001/B0002/CANARY-hook+");
        var databasePassword = Canary.Create("PostgreSQL password", "CANARY+pg/");
        var redisPassword = Canary.Create("Llm:Cache:Redis password", "CANARY-redis/");
        Canary[] canaries = [primaryKey, openAIKey, anthropicKey, webhookToken, databasePassword, redisPassword];

        await using var postgres = await PostgresDatabase.CreateAsync();
        var connectionString = await postgres.OwnedByNewLoginAsync(databasePassword.Value);
        await using var desk = await KeyEchoingDesk.StartAsync();
        await using var webhook = await FakeWebhookServer.StartAsync();
        await using var collector = await FakeOtlpCollector.StartAsync();
        using var redis = await PrivateRedisServer.StartAsync(redisPassword.Value);
        using var dir = new TempDirectory();

        var settings = desk.Settings;
        settings["Llm:Providers:0:ApiKey"] = primaryKey.Value;
        settings["Alerts:WebhookUrl"] = new Uri(webhook.BaseAddress, $"hooks/{webhookToken.Value}").ToString();
        settings["Database:ConnectionString"] = connectionString;
        settings["Llm:Cache:Redis"] = redis.ConnectionString;
        settings["Telemetry:OtlpEndpoint"] = collector.Endpoint;
        settings["Telemetry:OtlpProtocol"] = "http/protobuf";
        settings["Logging:LogLevel:Default"] = "Trace";
        var environment = ProgramProcess.Environment(settings);
        environment["OPENAI_API_KEY"] = openAIKey.Value;
        environment["ANTHROPIC_API_KEY"] = anthropicKey.Value;

        var scan = new LeakScan(canaries);
        var exitCodes = new Dictionary<string, int>();
        async Task<string[]> RunAsync(params string[][] commands)
        {
            var runs = await Task.WhenAll(commands.Select(async args =>
            {
                using var program = ProgramProcess.StartIn(dir.Path, environment, args);
                return (Args: args, ExitCode: await program.WaitAsync(CommandTimeout), Output: string.Join('\n', program.Lines));
            }));
            foreach (var (args, exitCode, output) in runs)
            {
                exitCodes[string.Join(' ', args)] = exitCode;
                scan.Scan($"output of {string.Join(' ', args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)))}", output);
            }

            return [.. runs.Select(r => r.Output)];
        }

        await RunAsync(["backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--json", dir.File("summary.json"), "--report", dir.File("backtest-report.html")]);
        var runId = JsonDocument.Parse(await File.ReadAllTextAsync(dir.File("summary.json"))).RootElement.GetProperty("run").GetProperty("id").GetString()!;
        var listings = await RunAsync(
            ["decisions", "--run", runId, "--json"],
            ["traces", "--run", runId],
            ["runs"],
            ["trades", "--run", runId],
            ["telemetry", "--run", runId],
            ["report", "--run", runId, "--out", dir.File("report.html")],
            ["export", "dataset", "--run", runId, "--out", dir.File("dataset.jsonl")],
            ["config", "show"]);
        await RunAsync(["explain", DecisionIds(listings[0]).First()], ["traces", "show", TraceIds(listings[1]).First()]);

        foreach (var file in Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories))
        {
            scan.Scan($"file {Path.GetFileName(file)}", await File.ReadAllBytesAsync(file));
        }

        foreach (var post in webhook.Requests)
        {
            scan.Scan("alert webhook bodies and headers", post.Body + "\n" + string.Join('\n', post.Headers.Select(h => $"{h.Key}: {h.Value}")));
        }

        foreach (var export in collector.Received)
        {
            scan.Scan($"OTLP {export.Path}", export.Body);
        }

        foreach (var request in desk.Requests)
        {
            scan.Scan("bodies sent to the models", request.Body);
        }

        var rows = await DumpAsync(postgres.ConnectionString);
        foreach (var (table, dump) in rows)
        {
            scan.Scan(table == "spans" ? "stored spans" : "database rows", dump);
        }

        var redisKeys = await ScanRedisAsync(redis.ConnectionString, scan);
        await TestContext.Progress.WriteLineAsync("bytes scanned per sink:\n" + string.Join('\n', scan.BytesBySink.Select(s => $"  {s.Key}: {s.Value}")));
        var keysSent = desk.Requests.SelectMany(r => new[] { r.Header("Authorization"), r.Header("x-api-key") }).OfType<string>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exitCodes.Where(c => c.Value != 0).Select(c => $"{c.Key}: exit {c.Value}"), Is.Empty);
            Assert.That(new[] { primaryKey, openAIKey, anthropicKey }.Where(k => !keysSent.Any(sent => sent.EndsWith(k.Value, StringComparison.Ordinal))).Select(k => k.Name), Is.Empty, "every key was in use");
            Assert.That(desk.Echoes, Is.GreaterThan(0), "the models quoted the keys back");
            Assert.That(webhook.Requests.Where(r => r.Path.EndsWith(webhookToken.Value, StringComparison.Ordinal)).ToList(), Is.Not.Empty, "alerts went to the webhook");
            Assert.That(collector.Received.Where(r => r.Path == "/v1/traces").Sum(r => r.Body.Length), Is.GreaterThan(0), "the collector received spans");
            Assert.That(collector.Received.Where(r => r.Path == "/v1/metrics").Sum(r => r.Body.Length), Is.GreaterThan(0), "the collector received metrics");
            Assert.That(rows.Keys, Does.Contain("spans").And.Contain("llm_calls"), "the program stored its rows with the database password");
            Assert.That(redisKeys, Is.GreaterThan(0), "the program cached its answers in Redis with the Redis password");
            Assert.That(
                new[] { "Llm:Providers:0:ApiKey", "Alerts:WebhookUrl", "Database:ConnectionString", "Llm:Cache:Redis" }.Where(key => !listings[^1].Split('\n').Any(l => l.StartsWith(key + " ", StringComparison.Ordinal) && l.Contains("***", StringComparison.Ordinal))),
                Is.Empty,
                "config show lists every configured secret, redacted");
            Assert.That(scan.Leaks, Is.Empty, $"{scan.Leaks.Count} leaks:\n{string.Join("\n", scan.Leaks)}");
        });
    }

    /// <summary>Scans every key and value the program left in Redis (answers are strings, indexes sorted sets); returns the key count.</summary>
    private static async Task<int> ScanRedisAsync(string connectionString, LeakScan scan)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var database = redis.GetDatabase();
        var keys = redis.GetServers().Single().KeysAsync(pattern: "*");
        var count = 0;
        await foreach (var key in keys)
        {
            count++;
            scan.Scan("Redis keys", key.ToString());
            if (await database.KeyTypeAsync(key) == RedisType.SortedSet)
            {
                scan.Scan("Redis index members", string.Join('\n', (await database.SortedSetRangeByRankAsync(key)).Select(m => m.ToString())));
            }
            else
            {
                scan.Scan("Redis values", (byte[])(await database.StringGetAsync(key))!);
            }
        }

        return count;
    }

    private static IEnumerable<string> DecisionIds(string jsonLines) =>
        jsonLines.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<string> TraceIds(string listing) =>
        listing.Split('\n').Skip(1).Select(l => l.Split(' ')[0]).Where(id => id.Length == 32 && id.All(char.IsAsciiHexDigit));

    /// <summary>Every row of every table in the database as PostgreSQL's text form of the row, table by table.</summary>
    private static async Task<Dictionary<string, string>> DumpAsync(string connectionString)
    {
        var dump = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Name)>();
        await using (var list = new NpgsqlCommand("select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (schema, name) in tables)
        {
            var text = new StringBuilder();
            await using var select = new NpgsqlCommand($"select t::text from \"{schema}\".\"{name}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }

            dump[name] = text.ToString();
        }

        return dump;
    }
}
