using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Reads <c>GET /futures/data/globalLongShortAccountRatio</c>: oldest first, rows such as
/// <c>{"symbol":"BTCUSDT","longShortRatio":"1.9559","longAccount":"0.6617","shortAccount":"0.3382","timestamp":1583139900000}</c>.
/// </summary>
internal static class BinanceLongShortRatioParser
{
    /// <summary>Parses every row, checking each is about <paramref name="symbol"/>, later than the one before, and its shares 0 to 1.</summary>
    public static List<LongShortRatio> Parse(JsonElement root, MarketSymbol symbol, string request)
    {
        var ratios = new List<LongShortRatio>();
        foreach (var row in BinanceFuturesRow.ReadAll(root, symbol, "long/short ratio", request))
        {
            var time = row.Time("timestamp");
            row.CheckAfter(ratios.Count > 0 ? ratios[^1].Time : null, time);
            var ratio = new LongShortRatio(row.Decimal("longShortRatio"), row.Decimal("longAccount"), row.Decimal("shortAccount"), time);
            if (ratio.LongShare > 1m || ratio.ShortShare > 1m)
            {
                throw new ExchangeResponseException(
                    $"long/short ratio row {ratios.Count} of {request}: account shares {ratio.LongShare} and {ratio.ShortShare} are not fractions of 1");
            }

            ratios.Add(ratio);
        }

        return ratios;
    }
}
