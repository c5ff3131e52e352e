using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// One row of a Binance futures statistics answer (an array of objects, each naming its symbol), read strictly: a
/// field that is missing or not a number fails with the request, the row and the field named.
/// </summary>
internal readonly struct BinanceFuturesRow
{
    private readonly JsonElement _row;
    private readonly string _where;

    private BinanceFuturesRow(JsonElement row, string where)
    {
        _row = row;
        _where = where;
    }

    /// <summary>
    /// The rows of <paramref name="root"/>, each checked to be an object about <paramref name="symbol"/>;
    /// <paramref name="what"/> names the statistic in messages.
    /// </summary>
    public static List<BinanceFuturesRow> ReadAll(JsonElement root, MarketSymbol symbol, string what, string request)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new ExchangeResponseException($"Binance answered {request} with {BinanceJson.Show(root)} instead of an array of {what} rows");
        }

        var expected = BinanceSymbols.ToBinance(symbol);
        var rows = new List<BinanceFuturesRow>(root.GetArrayLength());
        foreach (var row in root.EnumerateArray())
        {
            var where = $"{what} row {rows.Count} of {request}";
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw new ExchangeResponseException($"{where} is {BinanceJson.Show(row)}, not an object");
            }

            if (!row.TryGetProperty("symbol", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != expected)
            {
                throw new ExchangeResponseException($"{where} is not about {expected}");
            }

            rows.Add(new BinanceFuturesRow(row, where));
        }

        return rows;
    }

    /// <summary>A decimal sent as a string; signed only when <paramref name="allowSign"/>.</summary>
    public decimal Decimal(string field, bool allowSign = false) =>
        _row.TryGetProperty(field, out var value) && BinanceJson.TryReadDecimal(value, allowSign, out var parsed)
            ? parsed
            : throw new ExchangeResponseException($"{_where}: '{field}' is missing or not a decimal string");

    /// <summary>A millisecond timestamp, as a number or a string of digits.</summary>
    public DateTimeOffset Time(string field) =>
        _row.TryGetProperty(field, out var value) && BinanceJson.TryReadTimeNumberOrString(value, out var parsed)
            ? parsed
            : throw new ExchangeResponseException($"{_where}: '{field}' is missing or not a millisecond timestamp");

    /// <summary>Fails unless <paramref name="time"/> comes after <paramref name="previous"/>: rows must arrive oldest first, each once.</summary>
    public void CheckAfter(DateTimeOffset? previous, DateTimeOffset time)
    {
        if (time <= previous)
        {
            throw new ExchangeResponseException($"{_where}: {BinanceJson.Iso(time)} is not after the row before it ({BinanceJson.Iso(previous.Value)}); rows must arrive oldest first");
        }
    }
}
