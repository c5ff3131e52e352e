using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Reads <c>GET /api/v3/depth</c>: <c>{"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[...]}</c>,
/// checking that each level is a [price, quantity] pair of decimal strings and that each side is sorted best first.
/// </summary>
internal static class BinanceOrderBookParser
{
    /// <summary>Parses the answer into an <see cref="OrderBook"/> stamped with <paramref name="receivedAt"/>.</summary>
    public static OrderBook Parse(JsonElement root, MarketSymbol symbol, DateTimeOffset receivedAt, string request)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ExchangeResponseException($"Binance answered {request} with {BinanceJson.Show(root)} instead of an order book object");
        }

        if (!root.TryGetProperty("lastUpdateId", out var id) || !BinanceJson.TryReadInt64(id, out var lastUpdateId))
        {
            throw new ExchangeResponseException($"order book of {request} has no integer lastUpdateId");
        }

        var bids = ReadSide(root, "bids", descending: true, request);
        var asks = ReadSide(root, "asks", descending: false, request);
        return new OrderBook(symbol, bids, asks, lastUpdateId, receivedAt);
    }

    private static List<OrderBookLevel> ReadSide(JsonElement root, string side, bool descending, string request)
    {
        if (!root.TryGetProperty(side, out var levels) || levels.ValueKind != JsonValueKind.Array)
        {
            throw new ExchangeResponseException($"order book of {request} has no '{side}' array");
        }

        var result = new List<OrderBookLevel>(levels.GetArrayLength());
        foreach (var level in levels.EnumerateArray())
        {
            var where = $"{side} level {result.Count} of {request}";
            if (level.ValueKind != JsonValueKind.Array || level.GetArrayLength() < 2
                || !BinanceJson.TryReadDecimal(level[0], allowSign: false, out var price)
                || !BinanceJson.TryReadDecimal(level[1], allowSign: false, out var quantity))
            {
                throw new ExchangeResponseException($"{where} is {BinanceJson.Show(level)}, not a [price, quantity] pair of decimal strings");
            }

            if (result.Count > 0 && (descending ? price >= result[^1].Price : price <= result[^1].Price))
            {
                throw new ExchangeResponseException($"{where}: price {price} is out of order after {result[^1].Price}");
            }

            result.Add(new OrderBookLevel(price, quantity));
        }

        return result;
    }
}
