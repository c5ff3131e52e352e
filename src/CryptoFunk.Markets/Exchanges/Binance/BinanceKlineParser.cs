using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Reads the rows of <c>GET /api/v3/klines</c>: arrays of 12 columns (open time ms, open, high, low, close,
/// volume as strings, close time ms, then quote volume, trade count, taker volumes, an unused field). Every value
/// is checked, and a bad one fails the whole answer with the row, column and value named, so corrupt data never
/// reaches a backtest.
/// </summary>
internal static class BinanceKlineParser
{
    private const int ColumnCount = 12;
    private const int CloseTimeColumn = 6;
    private static readonly string[] PriceColumns = ["open", "high", "low", "close", "volume"];

    /// <summary>Parses one page of klines requested with <paramref name="timeframe"/>.</summary>
    public static List<Candle> Parse(JsonElement root, Timeframe timeframe, string request)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new ExchangeResponseException(
                $"Binance answered {request} with {BinanceJson.Show(root)} instead of an array of kline rows");
        }

        var candles = new List<Candle>(root.GetArrayLength());
        var index = 0;
        foreach (var row in root.EnumerateArray())
        {
            candles.Add(ParseRow(row, index, timeframe, request));
            index++;
        }

        return candles;
    }

    private static Candle ParseRow(JsonElement row, int index, Timeframe timeframe, string request)
    {
        var where = $"kline row {index} of {request}";
        if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < ColumnCount)
        {
            throw new ExchangeResponseException(
                $"{where} is {BinanceJson.Show(row)}, not an array of Binance's {ColumnCount} kline columns");
        }

        if (!BinanceJson.TryReadTime(row[0], out var openTime))
        {
            throw new ExchangeResponseException($"{where}: open time {BinanceJson.Show(row[0])} is not a millisecond timestamp");
        }

        where = $"kline row {index} (open time {BinanceJson.Iso(openTime)}) of {request}";
        Span<decimal> values = stackalloc decimal[PriceColumns.Length];
        for (var column = 0; column < PriceColumns.Length; column++)
        {
            var cell = row[column + 1];
            if (!BinanceJson.TryReadDecimal(cell, allowSign: false, out values[column]))
            {
                throw new ExchangeResponseException(
                    $"{where}: {PriceColumns[column]} {BinanceJson.Show(cell)} is not a non-negative decimal string");
            }
        }

        var candle = new Candle(openTime, values[0], values[1], values[2], values[3], values[4]);
        if (candle.Low > candle.High || candle.Open < candle.Low || candle.Open > candle.High
            || candle.Close < candle.Low || candle.Close > candle.High)
        {
            throw new ExchangeResponseException(
                $"{where}: prices are inconsistent (open {candle.Open}, high {candle.High}, low {candle.Low}, close {candle.Close})");
        }

        var expectedClose = openTime + timeframe.Duration - TimeSpan.FromMilliseconds(1);
        if (!BinanceJson.TryReadTime(row[CloseTimeColumn], out var closeTime) || closeTime != expectedClose)
        {
            throw new ExchangeResponseException(
                $"{where}: close time {BinanceJson.Show(row[CloseTimeColumn])} does not end a {timeframe.Code} bar " +
                $"(expected {expectedClose.ToUnixTimeMilliseconds()})");
        }

        return candle;
    }
}
