using System.Text.Json;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Reads <c>GET /fapi/v1/fundingRate</c>: oldest first, rows such as
/// <c>{"symbol":"BTCUSDT","fundingRate":"-0.03750000","fundingTime":1570608000000,"markPrice":"34287.54619963"}</c>
/// (the mark price is not used, and is empty on old rows).
/// </summary>
internal static class BinanceFundingRateParser
{
    /// <summary>Parses every row, checking each is about <paramref name="symbol"/> and later than the one before.</summary>
    public static List<FundingRate> Parse(JsonElement root, MarketSymbol symbol, string request)
    {
        var rates = new List<FundingRate>();
        foreach (var row in BinanceFuturesRow.ReadAll(root, symbol, "funding rate", request))
        {
            var time = row.Time("fundingTime");
            row.CheckAfter(rates.Count > 0 ? rates[^1].Time : null, time);
            rates.Add(new FundingRate(row.Decimal("fundingRate", allowSign: true), time));
        }

        return rates;
    }
}
