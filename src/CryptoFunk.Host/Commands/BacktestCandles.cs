using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Markets.Exchanges;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// The candles a backtest runs on: a file given with <c>--data</c>, or else downloaded from the exchange once and
/// kept in a local cache, with enough earlier bars to warm the indicators up (EMA 200 needs 200).
/// </summary>
internal sealed class BacktestCandles(IExchange exchange, IOptions<BacktestOptions> options, TimeProvider time)
{
    /// <summary>
    /// One market's candles and window as <c>backtest</c> takes them: read from <paramref name="dataPath"/>, else
    /// downloaded (90 days to the last close by default) and cached; or, when that fails, the one error line written to
    /// <paramref name="error"/> and the exit code (1 for unreadable data or no network, 2 for a bad window).
    /// </summary>
    public async Task<(BacktestWindow? Window, int ExitCode)> LoadAsync(
        MarketSymbol symbol,
        Timeframe timeframe,
        string? dataPath,
        WindowArguments window,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        try
        {
            return (dataPath is null
                ? await DownloadWindowAsync(symbol, timeframe, window, error, cancellationToken)
                : await ReadWindowAsync(dataPath, timeframe, window), ExitCodes.Success);
        }
        catch (CandleDataException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return (null, ExitCodes.Failure);
        }
        catch (WindowException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return (null, ExitCodes.BadInput);
        }
        catch (Exception e) when (dataPath is null && e is ExchangeException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync(
                $"error: could not download {symbol} {timeframe} candles ({e.Message}); offline? pass --data FILE with candles (timestamp,open,high,low,close,volume)");
            return (null, ExitCodes.Failure);
        }
    }

    private static async Task<BacktestWindow> ReadWindowAsync(string path, Timeframe timeframe, WindowArguments window)
    {
        var (series, warmedUp, end) = await ReadWarmedUpAsync(path, timeframe);
        return new BacktestWindow(series, window.From(warmedUp), window.To(end));
    }

    private async Task<BacktestWindow> DownloadWindowAsync(MarketSymbol symbol, Timeframe timeframe, WindowArguments window, TextWriter error, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lastClose = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds() / (long)timeframe.Duration.TotalMilliseconds * (long)timeframe.Duration.TotalMilliseconds);
        var to = window.To(lastClose);
        var from = window.From(to - TimeSpan.FromDays(90));
        var series = await DownloadAsync(symbol, timeframe, from, to, options.Value.CacheDirectory, error, cancellationToken);
        return new BacktestWindow(series, from, to);
    }

    /// <summary>Reads <paramref name="path"/>; errors name the file and line.</summary>
    public static async Task<CandleSeries> ReadAsync(string path, CancellationToken cancellationToken) =>
        await CandleFileReader.ReadAsync(Path.GetFullPath(path), cancellationToken);

    /// <summary>
    /// Reads <paramref name="path"/> for <paramref name="timeframe"/>: the series, the first bar after the warm-up (or
    /// as late as the data allows) and the end of the data.
    /// </summary>
    /// <exception cref="WindowException">The file holds another interval or fewer than two candles.</exception>
    public static async Task<(CandleSeries Series, DateTimeOffset WarmedUp, DateTimeOffset End)> ReadWarmedUpAsync(string path, Timeframe timeframe)
    {
        var series = await ReadAsync(path, CancellationToken.None);
        if (series.Timeframe is { } found && found != timeframe)
        {
            throw new WindowException($"{series.Source} holds {found} candles but --interval is {timeframe}; pass --interval {found}");
        }

        if (series.Candles.Count < 2)
        {
            throw new WindowException($"{series.Source} holds fewer than two candles");
        }

        return (series, series.Candles[Math.Min(MarketHistory.WarmUpBars, series.Candles.Count - 2)].OpenTime, series.Candles[^1].OpenTime + timeframe.Duration);
    }

    /// <summary>
    /// Candles from <paramref name="from"/> minus the warm-up to <paramref name="to"/>, from the cache file when a
    /// previous run downloaded the same range, else from the exchange (then cached).
    /// </summary>
    public async Task<CandleSeries> DownloadAsync(
        MarketSymbol symbol,
        Timeframe timeframe,
        DateTimeOffset from,
        DateTimeOffset to,
        string cacheDirectory,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var start = from - (timeframe.Duration * MarketHistory.WarmUpBars);
        var cache = Path.Combine(
            cacheDirectory,
            $"{exchange.Name}-{symbol.Base}_{symbol.Quote}-{timeframe.Code}-{start.UtcDateTime:yyyyMMddHHmm}-{to.UtcDateTime:yyyyMMddHHmm}.csv".ToLowerInvariant());
        if (File.Exists(cache))
        {
            return await CandleFileReader.ReadAsync(cache, cancellationToken);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        var candles = await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"download {exchange.Name} {symbol} {timeframe}"), maxValue: 1);
                var downloaded = await exchange.GetCandlesAsync(symbol, timeframe, start, to, new ProgressTaskReporter(task), cancellationToken);
                task.Value = task.MaxValue;
                return downloaded;
            });
        Directory.CreateDirectory(cacheDirectory);
        await CandleCsvWriter.WriteFileAsync(cache, candles, cancellationToken);
        return await CandleFileReader.ReadAsync(cache, cancellationToken);
    }
}
