using System.CommandLine;
using System.Globalization;
using System.Text;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host.Output;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Markets.Files;
using CryptoFunk.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk paper</c>: paper-trades one account on one or more markets, deciding at every candle close and
/// executing on the paper broker, until stopped (Ctrl+C finishes the step in progress, stores everything and exits 0).
/// Live, candles come from the exchange as they close (<see cref="LiveFeed"/>); with <c>--replay</c>, from files on a
/// simulated clock.
/// </summary>
internal sealed class PaperCommand(IServiceProvider services, TimeProvider time) : CliCommand
{
    private const int BadOptions = CommandLineApp.BadUsageExitCode;

    /// <inheritdoc />
    public override string Path => "paper";

    /// <inheritdoc />
    protected override string Example => "cryptofunk paper --symbols BTC/USDT,ETH/USDT --replay data/BTC_USDT-1h-2021.csv,data/ETH_USDT-1h-2021.csv --from 2021-01-01 --to 2021-02-01 --account demo";

    protected override string Description => "Paper-trade the agents' decisions on one account across markets, live or replayed from candle files.";

    /// <inheritdoc />
    protected override void Configure(Command command)
    {
        var symbols = new Option<string>("--symbols") { Description = "Markets as BASE/QUOTE, comma-separated, such as BTC/USDT,ETH/USDT; they settle and execute in this order.", Required = true };
        var interval = new Option<string>("--interval") { Description = "Bar length: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w.", DefaultValueFactory = _ => Timeframe.OneHour.Code };
        var capital = new Option<decimal>("--capital") { Description = "Starting cash of the account in the quote asset.", DefaultValueFactory = _ => 10_000m };
        var account = new Option<string>("--account") { Description = "Account name; runs, decisions and orders are stored under it.", DefaultValueFactory = _ => "paper" };
        var replay = new Option<string?>("--replay") { Description = "Candle files to replay instead of live data, comma-separated, one per symbol in --symbols order." };
        var from = new Option<string?>("--from") { Description = "With --replay: first close to act on (UTC); default: the data's start after a 250-bar warm-up." };
        var to = new Option<string?>("--to") { Description = "With --replay: end, exclusive; default: the end of the data." };
        var speed = new Option<string>("--speed") { Description = "With --replay: how many times faster than real time the closes come, or max.", DefaultValueFactory = _ => "max" };
        var mode = new Option<string?>(CommandLineSettings.LlmMode) { Description = "live (call providers), record (call and store answers) or replay (answer only from recordings)." };
        mode.AcceptOnlyFromAmong("live", "record", "replay");
        var db = new Option<string?>(CommandLineSettings.Database) { Description = "Database connection string (SQLite file or PostgreSQL); default from configuration." };
        var json = OutputFileOption.Create("--json", "Write the account summary as JSON to this file on exit.");
        foreach (var option in new Option[] { symbols, interval, capital, account, replay, from, to, speed, mode, db, json, ClusterOption.Create() })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            if (!TryParseSymbols(result.GetValue(symbols)!, out var markets, out var problem)
                || !Timeframe.TryParse(result.GetValue(interval), out var timeframe, out problem)
                || !TryParseSpeed(result.GetValue(speed)!, out var pace, out problem))
            {
                await error.WriteLineAsync($"error: {problem}");
                return BadOptions;
            }

            MarketFeed feed;
            if (result.GetValue(replay) is not { } files)
            {
                if (new Option[] { from, to, speed }.FirstOrDefault(o => result.GetResult(o) is { Implicit: false }) is { } replayOnly)
                {
                    await error.WriteLineAsync($"error: {replayOnly.Name} applies to --replay only");
                    return BadOptions;
                }

                feed = new LiveFeed(
                    markets,
                    timeframe,
                    services.GetRequiredService<IExchange>(),
                    services.GetRequiredService<IFuturesSentimentSource>(),
                    services.GetRequiredService<IOptions<LiveFeedOptions>>(),
                    time,
                    services.GetRequiredService<ILogger<LiveFeed>>());
            }
            else
            {
                try
                {
                    feed = await ReplayAsync(markets, timeframe, files, result.GetValue(from), result.GetValue(to), pace);
                }
                catch (CandleDataException e)
                {
                    await error.WriteLineAsync($"error: {e.Message}");
                    return ExitCodes.Failure;
                }
                catch (Exception e) when (e is ArgumentException or WindowException)
                {
                    await error.WriteLineAsync($"error: {e.Message}");
                    return BadOptions;
                }
            }

            var request = new PaperRequest(result.GetValue(account)!, result.GetValue(capital), feed);
            return await RunAsync(request, Progress(request, markets, timeframe, output), result.GetValue(json), output, error, cancellationToken);
        });
    }

    /// <summary>The screen on a terminal, plain log lines anywhere else.</summary>
    private (IProgress<PaperStep> Progress, PaperScreenState? Screen) Progress(PaperRequest request, IReadOnlyList<MarketSymbol> markets, Timeframe timeframe, TextWriter output)
    {
        if (!PaperScreen.CanDraw(output))
        {
            return (new PaperStepLog(output), null);
        }

        var trading = services.GetRequiredService<IOptions<TradingOptions>>().Value;
        var screen = new PaperScreenState(request.Account, markets, timeframe, [.. trading.AnalysisAgents, .. trading.StrategyAgents, trading.RiskAgent], time);
        return (screen, screen);
    }

    private async Task<int> RunAsync(PaperRequest request, (IProgress<PaperStep> Progress, PaperScreenState? Screen) view, string? jsonPath, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        if (await services.GetRequiredService<ReplayRecordings>().ProblemAsync(stopping) is { } replayProblem)
        {
            await error.WriteLineAsync($"error: {replayProblem}");
            return BadOptions;
        }

        PaperReport report;
        try
        {
            var trader = services.GetRequiredService<PaperTrader>();
            report = view.Screen is { } screen
                ? await PaperScreen.ShowAsync(screen, () => trader.RunAsync(request, view.Progress, stopping))
                : await trader.RunAsync(request, view.Progress, stopping);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadOptions;
        }
        catch (ExchangeRulesUnavailableException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (ExchangeException e)
        {
            // Only a live feed reaches the exchange, and only its start lets a failure through (later closes skip).
            await error.WriteLineAsync($"error: could not fetch the candles from {request.Feed.Source} ({e.Message}); offline? pass --replay FILE[,FILE...] to replay candle files");
            return ExitCodes.Failure;
        }

        var connection = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
        await output.WriteLineAsync(PaperSummaryText.Format(report, DatabaseProviders.Redact(connection)));
        if (jsonPath is not null)
        {
            var full = System.IO.Path.GetFullPath(jsonPath);
            var bytes = Encoding.UTF8.GetBytes(PaperReportJson.Write(report) + "\n");
            await AtomicFile.WriteAsync(full, (stream, ct) => stream.WriteAsync(bytes, ct).AsTask(), CancellationToken.None);
            await output.WriteLineAsync($"wrote summary to {full}");
        }

        return ExitCodes.Success;
    }

    private async Task<ReplayFeed> ReplayAsync(IReadOnlyList<MarketSymbol> symbols, Timeframe timeframe, string files, string? fromText, string? toText, double? speed)
    {
        var paths = files.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (paths.Length != symbols.Count)
        {
            throw new ArgumentException($"--replay names {paths.Length} file(s) but --symbols names {symbols.Count} market(s); give one file per symbol, in the same order");
        }

        var markets = new List<MarketHistory>(paths.Length);
        var (warmedUp, end) = (DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        for (var i = 0; i < paths.Length; i++)
        {
            var (series, start, close) = await BacktestCandles.ReadWarmedUpAsync(paths[i], timeframe);
            (warmedUp, end) = (start > warmedUp ? start : warmedUp, close < end ? close : end);
            markets.Add(new MarketHistory(symbols[i], timeframe, series.Candles));
        }

        var window = new WindowArguments(fromText, toText);
        return new ReplayFeed(markets, string.Join(",", paths.Select(System.IO.Path.GetFullPath)), window.From(warmedUp), window.To(end), speed, time);
    }

    private static bool TryParseSymbols(string text, out IReadOnlyList<MarketSymbol> symbols, out string? problem)
    {
        var parsed = new List<MarketSymbol>();
        symbols = parsed;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!MarketSymbol.TryParse(part, out var symbol, out problem))
            {
                problem = $"--symbols: {problem}";
                return false;
            }

            if (parsed.Contains(symbol))
            {
                problem = $"--symbols names {symbol} twice";
                return false;
            }

            parsed.Add(symbol);
        }

        problem = parsed.Count == 0 ? "--symbols names no market" : null;
        return parsed.Count > 0;
    }

    private static bool TryParseSpeed(string text, out double? speed, out string? problem)
    {
        speed = null;
        problem = null;
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
        {
            speed = value;
            return true;
        }

        problem = $"--speed must be a positive number or max, was '{text}'";
        return false;
    }
}
