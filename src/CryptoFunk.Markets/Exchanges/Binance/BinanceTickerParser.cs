using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Reads <c>GET /api/v3/ticker/24hr?symbol=...</c>: one object whose prices and quantities are decimal strings
/// (<c>"lastPrice":"4.00000200"</c>), times integer milliseconds and <c>count</c> the number of trades.
/// </summary>
internal static class BinanceTickerParser
{
    /// <summary>Parses the answer, checking it is about <paramref name="symbol"/>.</summary>
    public static Ticker24h Parse(JsonElement root, MarketSymbol symbol, string request)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ExchangeResponseException($"Binance answered {request} with {BinanceJson.Show(root)} instead of a ticker object");
        }

        var expected = BinanceSymbols.ToBinance(symbol);
        if (!root.TryGetProperty("symbol", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() != expected)
        {
            throw new ExchangeResponseException($"ticker of {request} is not about {expected}");
        }

        decimal Price(string field, bool allowSign = false) =>
            root.TryGetProperty(field, out var value) && BinanceJson.TryReadDecimal(value, allowSign, out var parsed)
                ? parsed
                : throw new ExchangeResponseException($"ticker of {request}: '{field}' is missing or not a decimal string");

        DateTimeOffset Time(string field) =>
            root.TryGetProperty(field, out var value) && BinanceJson.TryReadTime(value, out var parsed)
                ? parsed
                : throw new ExchangeResponseException($"ticker of {request}: '{field}' is missing or not a millisecond timestamp");

        long Count() =>
            root.TryGetProperty("count", out var value) && BinanceJson.TryReadInt64(value, out var trades) && trades >= 0
                ? trades
                : throw new ExchangeResponseException($"ticker of {request}: 'count' is missing or not a trade count");

        return new Ticker24h(
            symbol,
            LastPrice: Price("lastPrice"),
            LastQuantity: Price("lastQty"),
            BidPrice: Price("bidPrice"),
            BidQuantity: Price("bidQty"),
            AskPrice: Price("askPrice"),
            AskQuantity: Price("askQty"),
            OpenPrice: Price("openPrice"),
            HighPrice: Price("highPrice"),
            LowPrice: Price("lowPrice"),
            PreviousClosePrice: Price("prevClosePrice"),
            WeightedAveragePrice: Price("weightedAvgPrice"),
            PriceChange: Price("priceChange", allowSign: true),
            PriceChangePercent: Price("priceChangePercent", allowSign: true),
            Volume: Price("volume"),
            QuoteVolume: Price("quoteVolume"),
            OpenTime: Time("openTime"),
            CloseTime: Time("closeTime"),
            TradeCount: Count());
    }
}
