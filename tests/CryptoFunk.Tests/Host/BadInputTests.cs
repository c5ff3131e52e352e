using System.Security.Cryptography;
using CryptoFunk.Host;
using CryptoFunk.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Host;

/// <summary>
/// Bad input through the real program: each case ends with a non-zero documented exit code, exactly one error line
/// naming what to fix, no stack trace, and the journal database byte for byte as it was.
/// </summary>
[NonParallelizable]
public sealed class BadInputTests
{
    private static readonly string Data = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");
    private static readonly string Prompts = Path.Combine(SharedFiles.RepositoryRoot, "prompts");
    private const string ClusterDown = "Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Timeout=3";
    private static readonly string[] Backtest = ["backtest", "--data", Data, "--symbol", "BTC/USDT", "--from", "2021-12-31", "--to", "2022-01-01"];
    private static readonly string[] Sweep = ["sweep", "--data", Data, "--symbols", "BTC/USDT", "--from", "2021-12-31", "--to", "2022-01-01", "--db", "{journal}"];

    private TempDirectory _dir = null!;
    private string _journal = null!;

    public sealed record Case(string Name, int ExitCode, string Mentions, string[] Args, string? Settings = null)
    {
        public override string ToString() => Name;
    }

    private static IEnumerable<Case> Cases() =>
    [
        new("settings file with a syntax error", 2, "appsettings.json: not valid JSON at line 1", [.. Backtest, "--db", "{journal}"], "{ \"Trading\": { \"ConsensusThreshold\": 0.7, }"),
        new("settings value of the wrong type", 2, "Trading:ConsensusThreshold = 'abc' (from file", [.. Backtest, "--db", "{journal}"], "{ \"Trading\": { \"ConsensusThreshold\": \"abc\" } }"),
        new("unknown agent in a list", 2, "Trading:AnalysisAgents: no prompt named 'nosuch'", [.. Backtest, "--db", "{journal}"], "{ \"Trading\": { \"AnalysisAgents\": [\"technical_analysis\", \"nosuch\"] } }"),
        new("database in a missing folder", 2, "SQLite cannot open the file", [.. Backtest, "--db", "Data Source={dir}/missing/cf.db"]),
        new("database file that is not a database", 2, "is not a SQLite database", [.. Backtest, "--db", "Data Source={dir}/not-a-database.db"]),
        new("read-only database", 1, "read-only", [.. Backtest, "--db", "{journal};Mode=ReadOnly"]),
        new("PostgreSQL down", 1, "cannot reach PostgreSQL", [.. Backtest, "--db", "Host=127.0.0.1;Port=1;Username=u;Password=p;Timeout=3"]),
        new("malformed connection string", 2, "Database:ConnectionString (--db) is not a valid connection string", [.. Backtest, "--db", "Host=127.0.0.1;Port=abc"]),
        new("--json pointing at a folder", 2, "--json {dir}: is a folder", [.. Backtest, "--db", "{journal}", "--json", "{dir}"]),
        new("--report pointing at a folder", 2, "--report {dir}: is a folder", [.. Backtest, "--db", "{journal}", "--report", "{dir}"]),
        new("paper --json pointing at a folder", 2, "--json {dir}: is a folder", ["paper", "--symbols", "BTC/USDT", "--replay", Data, "--db", "{journal}", "--json", "{dir}"]),
        new("indicators --output under a file", 2, "is a file, not a folder", ["indicators", "--data", Data, "--output", $"{Data}/out.csv"]),
        new("replay without a recording", 2, "--llm-mode replay: the database holds no recorded model answers", [.. Backtest, "--db", "{journal}", "--llm-mode", "replay"]),
        new("agent run after the data ends", 2, "--at 2023-05-01T00:00:00Z is after the data ends", ["agent", "run", "technical_analysis", "--data", Data, "--symbol", "BTC/USDT", "--at", "2023-05-01"]),
        new("bad symbol", 2, "--symbol", [.. Backtest[..3], "--symbol", "BTCUSDT", "--db", "{journal}"]),
        new("silo without a cluster", 2, "Cluster:ConnectionString (--cluster) is not set", ["silo", "--db", "{journal}"]),
        new("silo on an unknown clustering provider", 2, "Cluster:Provider 'etcd' must be postgres or redis", ["silo", "--cluster", ClusterDown, "--db", "{journal}"], "{ \"Cluster\": { \"Provider\": \"etcd\" } }"),
        new("silo on port 0", 2, "Cluster:SiloPort must be a port from 1 to 65535, was 0", ["silo", "--cluster", ClusterDown, "--port", "0", "--db", "{journal}"]),
        new("silo port that is not a number", 2, "Cluster:GatewayPort = 'abc' (from command line) is not a valid Int32", ["silo", "--cluster", ClusterDown, "--gateway-port", "abc", "--db", "{journal}"]),
        new("silo with a SQLite cluster", 2, "Cluster:ConnectionString (--cluster) is not a PostgreSQL connection string", ["silo", "--cluster", "{journal}", "--db", "{journal}"]),
        new("sweep --vary without '='", 2, "--vary Risk:KellyFraction: has no '=' between the key and its values", [.. Sweep, "--vary", "Risk:KellyFraction"]),
        new("sweep --vary with an empty value", 2, "--vary Risk:KellyFraction=0.25,: value 2 of 2 is empty", [.. Sweep, "--vary", "Risk:KellyFraction=0.25,"]),
        new("sweep --vary without values", 2, "--vary Risk:KellyFraction=: has no values after '='", [.. Sweep, "--vary", "Risk:KellyFraction="]),
        new("sweep --vary with a malformed key", 2, "'Risk::KellyFraction' is not a configuration key", [.. Sweep, "--vary", "Risk::KellyFraction=0.25"]),
        new("sweep --vary of a key nothing reads", 2, "--vary Risk:KellyFractoin: no setting reads this key", [.. Sweep, "--vary", "Risk:KellyFractoin=0.25,0.5"]),
        new("sweep --vary with a value of the wrong type", 2, "--vary combination #2 (Risk:KellyFraction=abc): configuration Risk:KellyFraction = 'abc' (from --vary) is not a valid Decimal", [.. Sweep, "--vary", "Risk:KellyFraction=0.25,abc"]),
        new("sweep --vary with a value twice", 2, "--vary Risk:KellyFraction=0.25,0.5,0.25: value '0.25' is listed twice", [.. Sweep, "--vary", "Risk:KellyFraction=0.25,0.5,0.25"]),
        new("sweep --vary of one key twice", 2, "--vary Risk:KellyFraction is given twice", [.. Sweep, "--vary", "Risk:KellyFraction=0.25", "--vary", "Risk:KellyFraction=0.5"]),
        new("cluster store down", 1, "cluster: cannot use PostgreSQL at host=127.0.0.1;port=1;username=u;password=***", ["cluster", "status", "--cluster", ClusterDown, "--db", "{journal}"]),
    ];

    [OneTimeSetUp]
    public async Task CreateJournal()
    {
        _dir = new TempDirectory();
        _journal = $"Data Source={_dir.File("journal.db")}";
        var code = await CryptoFunkApp.RunAsync([.. Backtest, "--db", _journal], TextWriter.Null, TextWriter.Null, c => c.AddInMemoryCollection([]), CancellationToken.None);
        Assert.That(code, Is.Zero, "the journal every case must leave unchanged");
        SqliteConnection.ClearAllPools();
        await File.WriteAllTextAsync(_dir.File("not-a-database.db"), "just text\n");
    }

    [OneTimeTearDown]
    public void RemoveJournal() => _dir.Dispose();

    [TestCaseSource(nameof(Cases))]
    public async Task Is_one_error_line_with_a_documented_exit_code_and_changes_nothing(Case bad)
    {
        using var cwd = new TempDirectory();
        if (bad.Settings is not null)
        {
            await File.WriteAllTextAsync(cwd.File("appsettings.json"), bad.Settings);
        }

        var before = Fingerprint();
        var args = bad.Args.Select(a => a.Replace("{journal}", _journal).Replace("{dir}", _dir.Path)).ToArray();
        using var program = ProgramProcess.StartIn(cwd.Path, new Dictionary<string, string> { ["CRYPTOFUNK_Prompts__Directory"] = Prompts }, args);
        var code = await program.WaitAsync(TimeSpan.FromSeconds(90));

        var errors = program.ErrorLines.Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        var all = string.Join('\n', program.Lines);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(bad.ExitCode), all);
            Assert.That(errors, Has.Count.EqualTo(1), all);
            Assert.That(errors.FirstOrDefault(), Does.Contain(bad.Mentions.Replace("{dir}", _dir.Path)), all);
            Assert.That(program.Lines, Has.None.Match(@"^(stderr: )?\s+at \S|Unhandled exception|--- End of"), "no stack trace");
            Assert.That(all, Does.Not.Contain("hunter2"), "no password");
            Assert.That(Fingerprint(), Is.EqualTo(before), "the journal and the folder are unchanged");
        });
    }

    /// <summary>
    /// The journal's rows, table by table (EF's migration lock, taken and released by any opening, is no data), and
    /// every other file in its folder with its content hash: a new file, a written row or a changed byte all show.
    /// </summary>
    private string Fingerprint()
    {
        var text = new System.Text.StringBuilder();
        using (var connection = new SqliteConnection($"{_journal};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> '__EFMigrationsLock' ORDER BY name";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                using var rows = connection.CreateCommand();
                rows.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
                using var reader = rows.ExecuteReader();
                text.Append(table).Append('\n');
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        text.Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                    }

                    text.Append('\n');
                }
            }
        }

        foreach (var file in Directory.EnumerateFileSystemEntries(_dir.Path, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith("journal.db", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            text.Append(file).Append(File.Exists(file) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))) : "/").Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }
}
