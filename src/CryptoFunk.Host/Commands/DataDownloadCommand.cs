using System.CommandLine;
using System.Globalization;
using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Markets.Exchanges;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk data download</c>: fetches candles for a time range from the exchange and writes them as normalized
/// CSV, showing a progress bar on standard error and one summary line on standard output. Bars that have not
/// closed yet are left out, and missing bars are reported, never filled.
/// </summary>
internal sealed class DataDownloadCommand(IExchange exchange, TimeProvider timeProvider) : CliCommand
{
    private const int Success = 0;
    private const int Failure = 1;
    private const int BadOptions = CommandLineApp.BadUsageExitCode;
    private const int GapsListed = 10;

    /// <inheritdoc />
    public override string Path => "data download";

    /// <inheritdoc />
    protected override string Example => "cryptofunk data download --symbol BTC/USDT --timeframe 1h --from 2024-01-01 --to 2024-02-01 --out btc.csv";

    protected override string Description => "Download candles from the exchange into a normalized CSV file.";

    /// <inheritdoc />
    protected override void Configure(Command command)
    {
        var symbol = new Option<string>("--symbol") { Description = "Market as BASE/QUOTE, such as BTC/USDT.", Required = true };
        var timeframe = new Option<string>("--timeframe")
        {
            Description = "Candle length: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w.",
            DefaultValueFactory = _ => Timeframe.OneHour.Code,
        };
        var from = new Option<string>("--from")
        {
            Description = "Start of the range: a date (2024-01-01) or ISO-8601 date-time, UTC unless an offset is given.",
            Required = true,
        };
        var to = new Option<string>("--to") { Description = "End of the range, exclusive; same forms as --from.", Required = true };
        var output = OutputFileOption.Create("--out", "CSV file to write (timestamp,open,high,low,close,volume).", required: true);
        command.Options.Add(symbol);
        command.Options.Add(timeframe);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(output);
        command.SetAction(async (result, cancellationToken) =>
        {
            var error = result.InvocationConfiguration.Error;
            if (!DataDownloadRequest.TryCreate(
                    result.GetValue(symbol),
                    result.GetValue(timeframe),
                    result.GetValue(from),
                    result.GetValue(to),
                    result.GetValue(output),
                    out var request,
                    out var problem))
            {
                await error.WriteLineAsync($"error: {problem}");
                return BadOptions;
            }

            return await RunAsync(request, result.InvocationConfiguration.Output, error, cancellationToken);
        });
    }

    private async Task<int> RunAsync(DataDownloadRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (request.From >= now)
        {
            await error.WriteLineAsync($"error: --from {Iso(request.From)} is in the future");
            return BadOptions;
        }

        IReadOnlyList<Candle> candles;
        try
        {
            candles = await DownloadAsync(request, error, cancellationToken);
        }
        catch (ExchangeException exception)
        {
            await error.WriteLineAsync($"error: download from {exchange.Name} failed: {exception.Message}");
            return Failure;
        }

        // A bar is complete only once its close time has passed; a still-open bar would put a moving value into the file.
        var step = request.Timeframe.Duration;
        var closed = candles.Where(c => c.OpenTime + step <= now).ToList();
        var lastClosable = now - step + TimeSpan.FromTicks(1);
        var gaps = CandleGapFinder.Find(closed, request.Timeframe, request.From, request.To < lastClosable ? request.To : lastClosable);

        var path = System.IO.Path.GetFullPath(request.OutputPath);
        try
        {
            await CandleCsvWriter.WriteFileAsync(path, closed, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"error: could not write {path}: {exception.Message}");
            return Failure;
        }

        foreach (var gap in gaps.Take(GapsListed))
        {
            await error.WriteLineAsync($"gap: {gap.MissingCount} candles missing from {Iso(gap.From)} to {Iso(gap.To)}");
        }

        await output.WriteLineAsync(Summary(request, closed.Count, candles.Count - closed.Count, gaps, path));
        return Success;
    }

    private async Task<IReadOnlyList<Candle>> DownloadAsync(DataDownloadRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"{exchange.Name} {request.Symbol} {request.Timeframe}"), maxValue: 1);
                var candles = await exchange.GetCandlesAsync(
                    request.Symbol,
                    request.Timeframe,
                    request.From,
                    request.To,
                    new ProgressTaskReporter(task),
                    cancellationToken);
                task.Value = task.MaxValue;
                task.StopTask();
                return candles;
            });
    }

    private static string Summary(DataDownloadRequest request, int written, int stillOpen, IReadOnlyList<CandleGap> gaps, string path)
    {
        var summary = string.Create(
            CultureInfo.InvariantCulture,
            $"wrote {written} {request.Symbol} {request.Timeframe} candles from {Iso(request.From)} to {Iso(request.To)} to {path}");
        if (gaps.Count == 0)
        {
            summary += "; no gaps";
        }
        else
        {
            var largest = gaps.MaxBy(g => g.MissingCount)!;
            summary += string.Create(
                CultureInfo.InvariantCulture,
                $"; {gaps.Count} gap(s), {gaps.Sum(g => g.MissingCount)} candles missing (largest {largest.MissingCount} from {Iso(largest.From)})");
        }

        if (stillOpen > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {stillOpen} candle(s) not closed yet left out");
        }

        return summary;
    }

    private static string Iso(DateTimeOffset time) => UtcTimestamp.Format(time);
}
