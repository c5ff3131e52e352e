using System.Diagnostics.CodeAnalysis;
using CryptoFunk.Markets;

namespace CryptoFunk.Host.Commands;

/// <summary>The validated options of <c>data download</c>: which candles to fetch and where to write them.</summary>
/// <param name="Symbol">The market.</param>
/// <param name="Timeframe">The candle length.</param>
/// <param name="From">First open time to include, UTC.</param>
/// <param name="To">End of the range, exclusive, UTC.</param>
/// <param name="OutputPath">The CSV file to write.</param>
internal sealed record DataDownloadRequest(MarketSymbol Symbol, Timeframe Timeframe, DateTimeOffset From, DateTimeOffset To, string OutputPath)
{
    /// <summary>Validates the raw option values; <paramref name="error"/> is one line naming the bad option.</summary>
    public static bool TryCreate(
        string? symbol,
        string? timeframe,
        string? from,
        string? to,
        string? outputPath,
        [NotNullWhen(true)] out DataDownloadRequest? request,
        [NotNullWhen(false)] out string? error)
    {
        request = null;
        if (!MarketSymbol.TryParse(symbol, out var market, out var symbolError))
        {
            error = symbol is null ? "--symbol is required (such as BTC/USDT)" : $"--symbol: {symbolError}";
            return false;
        }

        if (!Timeframe.TryParse(timeframe, out var length, out var timeframeError))
        {
            error = $"--timeframe: {timeframeError}";
            return false;
        }

        if (!UtcTimeArgument.TryParse("--from", from, out var start, out error)
            || !UtcTimeArgument.TryParse("--to", to, out var end, out error))
        {
            return false;
        }

        if (end <= start)
        {
            error = $"--to ({to}) must be after --from ({from}); --to is exclusive";
            return false;
        }

        if (string.IsNullOrWhiteSpace(outputPath))
        {
            error = "--out is required (the CSV file to write)";
            return false;
        }

        request = new DataDownloadRequest(market, length, start, end, outputPath);
        error = null;
        return true;
    }
}
