using System.CommandLine;
using System.Globalization;
using System.Text;
using CryptoFunk.Engine.Backtesting;
using CryptoFunk.Host.Output;
using CryptoFunk.Host.Reports;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Markets.Files;
using CryptoFunk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk backtest</c>: runs the agents' whole decision flow at every bar of a window on the paper broker,
/// stores the run, and prints the result next to buy-and-hold and the rules engine alone (also as JSON with
/// <c>--json</c>). <c>--llm-mode</c> and <c>--db</c> are read into configuration before the host starts
/// (<see cref="CommandLineSettings"/>); without <c>--data</c> the candles are downloaded and cached.
/// </summary>
internal sealed class BacktestCommand(IServiceProvider services) : CliCommand
{
    private const int Success = 0;
    private const int Failure = 1;
    private const int BadOptions = CommandLineApp.BadUsageExitCode;
    private const string ReportOption = "--report";

    /// <inheritdoc />
    public override string Path => "backtest";

    /// <inheritdoc />
    protected override string Example => "cryptofunk backtest --data data/BTC_USDT-1h-2021.csv --symbol BTC/USDT --from 2021-01-01 --to 2022-01-01 --report report.html";

    protected override string Description => "Backtest the agents on historical candles with the paper broker, next to buy-and-hold and the rules engine alone.";

    /// <inheritdoc />
    protected override void Configure(Command command)
    {
        var data = new Option<string?>("--data") { Description = "CSV of candles (normalized or Binance kline dump). Without it the candles are downloaded and cached." };
        var symbol = new Option<string>("--symbol") { Description = "Market as BASE/QUOTE, such as BTC/USDT.", Required = true };
        var from = new Option<string?>("--from") { Description = "First bar (a date or ISO-8601 date-time, UTC); default: the start of the data after a 200-bar warm-up, or 90 days ago when downloading." };
        var to = new Option<string?>("--to") { Description = "End, exclusive; default: the end of the data, or now when downloading." };
        var interval = new Option<string>("--interval") { Description = "Bar length: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w.", DefaultValueFactory = _ => Timeframe.OneHour.Code };
        var capital = new Option<decimal>("--capital") { Description = "Starting cash in the quote asset.", DefaultValueFactory = _ => 10_000m };
        var mode = new Option<string?>(CommandLineSettings.LlmMode) { Description = "live (call providers), record (call and store answers) or replay (answer only from recordings)." };
        mode.AcceptOnlyFromAmong("live", "record", "replay");
        var db = new Option<string?>(CommandLineSettings.Database) { Description = "Database connection string (SQLite file or PostgreSQL); default from configuration." };
        var json = OutputFileOption.Create("--json", "Also write the summary as JSON to this file.");
        var reportFile = OutputFileOption.Create(ReportOption, "Also write the stored run's HTML report to this file (self-contained, opens offline).");
        foreach (var option in new Option[] { data, symbol, from, to, interval, capital, mode, db, json, reportFile })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (!MarketSymbol.TryParse(result.GetValue(symbol), out var market, out var problem))
            {
                await error.WriteLineAsync($"error: --symbol: {problem}");
                return BadOptions;
            }

            if (!Timeframe.TryParse(result.GetValue(interval), out var timeframe, out problem))
            {
                await error.WriteLineAsync($"error: --interval: {problem}");
                return BadOptions;
            }

            var window = new WindowArguments(result.GetValue(from), result.GetValue(to));
            var files = new BacktestOutputFiles(result.GetValue(json), result.GetValue(reportFile));
            return await RunAsync(market, timeframe, result.GetValue(data), window, result.GetValue(capital), files, output, error, cancellationToken);
        });
    }

    private async Task<int> RunAsync(
        MarketSymbol symbol,
        Timeframe timeframe,
        string? dataPath,
        WindowArguments window,
        decimal capital,
        BacktestOutputFiles files,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        if (capital <= 0m)
        {
            await error.WriteLineAsync($"error: --capital must be positive, was {capital.ToString(CultureInfo.InvariantCulture)}");
            return BadOptions;
        }

        var (loaded, exitCode) = await services.GetRequiredService<BacktestCandles>().LoadAsync(symbol, timeframe, dataPath, window, error, cancellationToken);
        if (loaded is not { } candles)
        {
            return exitCode;
        }

        var (series, from, to) = candles;
        if (await services.GetRequiredService<ReplayRecordings>().ProblemAsync(cancellationToken) is { } replayProblem)
        {
            await error.WriteLineAsync($"error: {replayProblem}");
            return BadOptions;
        }

        BacktestReport report;
        try
        {
            var runner = services.GetRequiredService<BacktestRunner>();
            report = await RunWithProgressAsync(runner, new BacktestRequest(symbol, timeframe, series.Candles, from, to, capital, series.Source), error, cancellationToken);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadOptions;
        }

        var connection = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
        if (series.GapNote() is { } gaps)
        {
            await output.WriteLineAsync(gaps);
        }

        await output.WriteAsync(BacktestSummaryText.Format(report, DatabaseProviders.Redact(connection)));
        if (files.Json is { } jsonPath)
        {
            var full = System.IO.Path.GetFullPath(jsonPath);
            var bytes = Encoding.UTF8.GetBytes(BacktestReportJson.Write(report) + "\n");
            await AtomicFile.WriteAsync(full, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), cancellationToken);
            await output.WriteLineAsync($"wrote summary to {full}");
        }

        if (files.Report is { } reportPath)
        {
            try
            {
                await services.GetRequiredService<RunReportWriter>().WriteAsync(report.RunId, reportPath, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: {ReportOption} {reportPath} cannot be written: {e.Message}");
                return BadOptions;
            }

            await output.WriteLineAsync($"wrote report to {System.IO.Path.GetFullPath(reportPath)}");
        }

        return Success;
    }

    private static async Task<BacktestReport> RunWithProgressAsync(BacktestRunner runner, BacktestRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"backtest {request.Symbol} {request.Timeframe}"), maxValue: 1);
                var progress = new SynchronousProgress<BacktestProgress>(p => task.Value = (double)p.Done / p.Total);
                var report = await runner.RunAsync(request, progress, cancellationToken);
                task.Value = task.MaxValue;
                return report;
            });
    }
}
