using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Host;

/// <summary>
/// <c>config show</c> through the real program started in a working directory of the test's own: the
/// <c>appsettings.json</c> there is read, lists replace the defaults, every value says where it came from, and no
/// secret is ever printed.
/// </summary>
public sealed class ConfigShowCommandTests
{
    private const string FileKey = "sk-file-SECRET-4242";
    private const string EnvironmentKey = "sk-env-SECRET-9191";
    private const string DatabasePassword = "pg-SECRET-7373";

    private static async Task<(int Code, IReadOnlyList<string> Lines)> ShowAsync(string workingDirectory, Dictionary<string, string> environment, params string[] args)
    {
        environment["CRYPTOFUNK_Prompts__Directory"] = Path.Combine(SharedFiles.RepositoryRoot, "prompts");
        using var program = ProgramProcess.StartIn(workingDirectory, environment, ["config", "show", .. args]);
        var code = await program.WaitAsync(TimeSpan.FromSeconds(60));
        return (code, program.Lines);
    }

    private static string Row(IReadOnlyList<string> lines, string key) =>
        lines.SingleOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal)) ?? $"(no row {key})";

    [Test]
    public async Task Reads_the_working_directorys_settings_replaces_lists_and_names_each_source()
    {
        using var cwd = new TempDirectory();
        await File.WriteAllTextAsync(cwd.File("appsettings.json"), """
            { "Trading": { "AnalysisAgents": ["technical_analysis", "sentiment"], "ConsensusTreshold": 0.7 },
              "Llm": { "Providers": [ { "Type": "openai", "Model": "gpt-4o-mini", "ApiKey": "sk-file-SECRET-4242" } ] } }
            """);

        var (code, lines) = await ShowAsync(cwd.Path, new() { ["CRYPTOFUNK_Risk__KellyFraction"] = "0.3" }, "--db", "Data Source=x.db");

        Assert.That(code, Is.Zero, string.Join('\n', lines));
        Assert.Multiple(() =>
        {
            Assert.That(Row(lines, "Trading:AnalysisAgents:0"), Does.Contain("technical_analysis").And.Contain($"file {cwd.File("appsettings.json")}"));
            Assert.That(Row(lines, "Trading:AnalysisAgents:1"), Does.Contain("sentiment"));
            Assert.That(lines, Has.None.StartWith("Trading:AnalysisAgents:2"), "the configured list replaces the three defaults");
            Assert.That(Row(lines, "Trading:ConsensusThreshold"), Does.EndWith("default"));
            Assert.That(Row(lines, "Trading:ConsensusTreshold"), Does.Contain("unknown key, not read"));
            Assert.That(Row(lines, "Risk:KellyFraction"), Does.Contain("0.3").And.Contain("environment"));
            Assert.That(Row(lines, "Database:ConnectionString"), Does.Contain("x.db").And.Contain("command line"));
            Assert.That(Row(lines, "Llm:Providers:0:ApiKey"), Does.Contain("***"));
            Assert.That(lines, Has.Some.Contain("warning: 1 configured key(s) are not read"));
        });
    }

    [Test]
    public async Task Never_prints_a_secret_from_a_file_the_environment_or_the_command_line()
    {
        using var cwd = new TempDirectory();
        await File.WriteAllTextAsync(cwd.File("appsettings.json"), $$"""
            { "Llm": { "Providers": [ { "Type": "openai", "Model": "m", "ApiKey": "{{FileKey}}" }, { "Type": "anthropic", "Model": "c" } ] } }
            """);

        var (code, lines) = await ShowAsync(
            cwd.Path,
            new() { ["CRYPTOFUNK_Llm__Providers__1__ApiKey"] = EnvironmentKey },
            "--db", $"Host=127.0.0.1;Username=u;Password={DatabasePassword};Database=d");

        var all = string.Join('\n', lines);
        Assert.That(code, Is.Zero, all);
        Assert.That(all, Does.Not.Contain(FileKey).And.Not.Contain(EnvironmentKey).And.Not.Contain(DatabasePassword));
        Assert.That(Row(lines, "Llm:Providers:1:ApiKey"), Does.Contain("***").And.Contain("environment"));
        Assert.That(Row(lines, "Database:ConnectionString"), Does.Contain("password=***"));
    }

    [TestCase("postgres", "Host=10.0.0.5;Username=u;Password=" + DatabasePassword + ";Database=cluster", "password=***")]
    [TestCase("redis", "10.0.0.6:6379,password=" + DatabasePassword, "10.0.0.6:6379,password=***")]
    public async Task Shows_the_cluster_connection_without_its_password(string provider, string connection, string shown)
    {
        using var cwd = new TempDirectory();

        var (code, lines) = await ShowAsync(cwd.Path, new() { ["CRYPTOFUNK_Cluster__Provider"] = provider, ["CRYPTOFUNK_Cluster__ConnectionString"] = connection });

        Assert.That(code, Is.Zero, string.Join('\n', lines));
        Assert.That(string.Join('\n', lines), Does.Not.Contain(DatabasePassword));
        Assert.That(Row(lines, "Cluster:ConnectionString"), Does.Contain(shown).And.Contain("environment"));
    }

    [Test]
    public async Task The_example_settings_file_names_every_setting_and_nothing_else()
    {
        using var cwd = new TempDirectory();
        File.Copy(Path.Combine(SharedFiles.RepositoryRoot, "appsettings.example.json"), cwd.File("appsettings.json"));

        var (code, lines) = await ShowAsync(cwd.Path, new() { ["OPENAI_API_KEY"] = "sk-a", ["ANTHROPIC_API_KEY"] = "sk-b" });

        Assert.That(code, Is.Zero, string.Join('\n', lines));
        var rows = lines.Skip(1).Where(l => !l.StartsWith("stderr:", StringComparison.Ordinal)).ToList();
        var unsetByDefault = rows.Where(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries).Length == 1).ToList();
        var fromDefaults = rows.Except(unsetByDefault).Where(l => l.EndsWith(" default", StringComparison.Ordinal) && !l.StartsWith("Logging:", StringComparison.Ordinal))
            .Where(l => !l.StartsWith("Backtest:CacheDirectory ", StringComparison.Ordinal)) // its default is under the user's home, so the file leaves it commented out
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(fromDefaults, Is.Empty, "every setting with a default appears in appsettings.example.json");
            Assert.That(rows, Has.None.Contain("unknown key"), "appsettings.example.json names no key that is not read");
        });
    }
}
