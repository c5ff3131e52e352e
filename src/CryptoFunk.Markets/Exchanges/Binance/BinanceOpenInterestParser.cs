using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Reads <c>GET /futures/data/openInterestHist</c>: oldest first, rows such as
/// <c>{"symbol":"BTCUSDT","sumOpenInterest":"20403.63700000","sumOpenInterestValue":"150570784.07809979","CMCCirculatingSupply":"165880.538","timestamp":1583127900000}</c>
/// (the supply is not used). Each reading carries the one before it in the answer, for the change.
/// </summary>
internal static class BinanceOpenInterestParser
{
    /// <summary>Parses every row, checking each is about <paramref name="symbol"/> and later than the one before.</summary>
    public static List<OpenInterest> Parse(JsonElement root, MarketSymbol symbol, string request)
    {
        var readings = new List<OpenInterest>();
        foreach (var row in BinanceFuturesRow.ReadAll(root, symbol, "open interest", request))
        {
            var time = row.Time("timestamp");
            var previous = readings.Count > 0 ? readings[^1] : null;
            row.CheckAfter(previous?.Time, time);
            readings.Add(new OpenInterest(row.Decimal("sumOpenInterest"), row.Decimal("sumOpenInterestValue"), time, previous?.Quantity));
        }

        return readings;
    }
}
