using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host.Output;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk runs</c>: every stored backtest and paper account with its state (an <c>interrupted</c> or
/// <c>stopped</c> run can be continued), how much it decided and traded, and its result once it has a summary.
/// </summary>
internal sealed class RunsCommand(JournalQueries journal) : JournalCommand
{
    private static readonly string[] Headers = ["id", "kind", "account", "symbols", "interval", "status", "started", "finished", "interruptions", "decisions", "trades", "equity", "return"];

    public override string Path => "runs";

    protected override string Example => "cryptofunk runs --db \"Data Source=cryptofunk.db\"";

    protected override string Description => "List the stored backtests and paper accounts.";

    protected override void AddArguments(Command command)
    {
    }

    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var runs = await journal.RunsAsync(cancellationToken);
        if (runs.Count == 0)
        {
            await output.WriteLineAsync("no runs stored yet: run a backtest or paper account first");
            return ExitCodes.Success;
        }

        TextTable.Write(output, Headers, [.. runs.Select(Row)]);
        return ExitCodes.Success;
    }

    private static string[] Row(RunListing listing)
    {
        var run = listing.Run;
        var (equity, totalReturn) = Result(run.SummaryJson);
        return
        [
            run.Id,
            run.Kind,
            Account(run) ?? "-",
            run.Symbol,
            run.Interval,
            run.Status,
            JournalText.Time(run.StartedAt),
            run.FinishedAt is { } finished ? JournalText.Time(finished) : "-",
            run.Interruptions.ToString(CultureInfo.InvariantCulture),
            listing.Decisions.ToString(CultureInfo.InvariantCulture),
            listing.Trades.ToString(CultureInfo.InvariantCulture),
            equity is { } e ? e.ToString("F2", CultureInfo.InvariantCulture) : "-",
            totalReturn is { } r ? (r * 100m).ToString("F2", CultureInfo.InvariantCulture) + "%" : "-",
        ];
    }

    /// <summary>A paper account's name: from the run's settings, else from its id (<c>paper-NAME</c>).</summary>
    private static string? Account(TradingRunRecord run)
    {
        if (run.Kind != TradingRunKinds.Paper)
        {
            return null;
        }

        if (run.SettingsJson is { } settingsJson)
        {
            using var settings = JsonDocument.Parse(settingsJson);
            if (settings.RootElement.TryGetProperty("account", out var account) && account.ValueKind == JsonValueKind.String)
            {
                return account.GetString();
            }
        }

        var prefix = PaperAccounts.RunId(string.Empty);
        return run.Id.StartsWith(prefix, StringComparison.Ordinal) ? run.Id[prefix.Length..] : null;
    }

    /// <summary>Final equity and total return from a backtest's summary (the agents' column) or a paper account's.</summary>
    private static (decimal? Equity, decimal? Return) Result(string? summaryJson)
    {
        if (summaryJson is null)
        {
            return (null, null);
        }

        using var summary = JsonDocument.Parse(summaryJson);
        var root = summary.RootElement;
        return root.TryGetProperty("agents", out var agents)
            ? (Number(agents, "final_equity"), Number(agents, "total_return"))
            : (Number(root, "equity"), Number(root, "total_return"));
    }

    private static decimal? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;
}
