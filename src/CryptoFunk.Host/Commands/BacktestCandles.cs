using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Markets.Exchanges;
using Spectre.Console;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// The candles a backtest runs on: a file given with <c>--data</c>, or else downloaded from the exchange once and
/// kept in a local cache, with enough earlier bars to warm the indicators up (EMA 200 needs 200).
/// </summary>
internal sealed class BacktestCandles(IExchange exchange)
{
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
