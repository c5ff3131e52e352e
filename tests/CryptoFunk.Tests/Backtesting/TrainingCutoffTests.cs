using System.Text.Json.Nodes;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Backtesting;

/// <summary>
/// A model-driven backtest whose window starts before a configured model's training cutoff warns in the printed
/// summary, its JSON (<c>warnings</c>, code <c>training_cutoff</c>) and its report; one starting after the cutoff,
/// or run on the rules engine, does not.
/// </summary>
public sealed class TrainingCutoffTests
{
    private static readonly string Data2021 = Path.Combine(SharedFiles.RepositoryRoot, "data", "BTC_USDT-1h-2021.csv");

    [TestCase("2023-10", "2023-10-31T23:00:00Z", true)]
    [TestCase("2023-10", "2023-11-01T00:00:00Z", false)]
    [TestCase("2024-06-15", "2024-06-15T12:00:00Z", true)]
    [TestCase("2024-06-15", "2024-06-16T00:00:00Z", false)]
    public void A_month_covers_its_last_day_and_a_date_covers_itself(string cutoff, string windowStart, bool warns)
    {
        var warnings = TrainingCutoffWarnings.For(DateTimeOffset.Parse(windowStart, System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, string> { ["openai/gpt-4o"] = cutoff });

        Assert.That(warnings.Select(w => w.Code), Is.EqualTo(warns ? new[] { TrainingCutoffWarnings.Code } : []));
    }

    [TestCase("2023-10", 2023, 10, 31)]
    [TestCase("2024-02", 2024, 2, 29)]
    [TestCase(" 2025-03-01 ", 2025, 3, 1)]
    public void A_cutoff_reads_as_a_month_or_a_day(string text, int year, int month, int day)
    {
        Assert.That(ModelTrainingCutoff.TryParse(text, out var cutoff), Is.True);
        Assert.That(cutoff.LastDay, Is.EqualTo(new DateOnly(year, month, day)));
    }

    /// <summary>A day's backtest with the settings; its printed summary, its JSON and its report.</summary>
    private static async Task<(string Output, JsonObject Json, string Page)> BacktestAsync(IReadOnlyDictionary<string, string?> settings)
    {
        using var dir = new TempDirectory();
        var json = dir.File("summary.json");
        var (exitCode, output, error) = await InProcessProgram.RunAsync(
            settings, "backtest", "--data", Data2021, "--symbol", "BTC/USDT", "--from", "2021-01-04", "--to", "2021-01-05", "--db", $"Data Source={dir.File("cf.db")}", "--json", json, "--report", dir.File("report.html"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.That(exitCode, Is.EqualTo(0), error);
        return (output, JsonNode.Parse(await File.ReadAllTextAsync(json))!.AsObject(), await File.ReadAllTextAsync(dir.File("report.html")));
    }

    /// <summary>The same with the fake model as provider 0, whose training cutoff is <paramref name="cutoff"/>.</summary>
    private static async Task<(string Output, JsonObject Json, string Page)> ModelBacktestAsync(string cutoff)
    {
        await using var model = await TradingDeskModel.StartAsync();
        var settings = model.Settings;
        settings["Llm:Providers:0:TrainingCutoff"] = cutoff;
        return await BacktestAsync(settings);
    }

    [Test]
    public async Task A_window_before_the_cutoff_warns_in_the_summary_its_json_and_the_report()
    {
        var (output, json, page) = await ModelBacktestAsync("2021-06");
        var warnings = json["warnings"]!.AsArray();

        const string Expected = $"the window starts 2021-01-04T01:00:00Z, before {TradingDeskModel.ProviderId}'s training cutoff 2021-06 (the vendor's published date): " +
            "the model may have seen what happened next, so this result can be memory, not skill";
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain($"warning: {Expected}\n"));
            Assert.That(warnings, Has.Count.EqualTo(1));
            Assert.That(warnings[0]!["code"]!.GetValue<string>(), Is.EqualTo("training_cutoff"));
            Assert.That(warnings[0]!["message"]!.GetValue<string>(), Is.EqualTo(Expected));
            Assert.That(page, Does.Contain("<p class=\"warning\" data-code=\"training_cutoff\">warning: the window starts 2021-01-04T01:00:00Z, before openai/gpt-fake-1&#39;s training cutoff 2021-06"));
        });
    }

    [TestCase("after the cutoff", "2020-12")]
    [TestCase("on the rules engine", null)]
    public async Task A_window_after_the_cutoff_or_a_rules_only_run_does_not_warn(string why, string? cutoff)
    {
        var (output, json, page) = cutoff is null ? await BacktestAsync(new Dictionary<string, string?>()) : await ModelBacktestAsync(cutoff);

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain(cutoff is null ? "mode rules" : "mode live").And.Not.Contain("warning:"), why);
            Assert.That(json["warnings"]!.AsArray(), Is.Empty, why);
            Assert.That(page, Does.Not.Contain("class=\"warning\""), why);
        });
    }
}
