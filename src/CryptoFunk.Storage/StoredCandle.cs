using System.Text.Json;
using CryptoFunk.Markets;

namespace CryptoFunk.Storage;

/// <summary>Reads back the candle a decision stored (<see cref="TradingDecisionRecord.MarketDataJson"/>).</summary>
internal static class StoredCandle
{
    /// <summary>The candle, or null for a decision stored without one.</summary>
    public static Candle? From(string? marketDataJson)
    {
        if (marketDataJson is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(marketDataJson);
        var root = json.RootElement;
        return new Candle(
            root.GetProperty("candle_open_time").GetDateTimeOffset(),
            root.GetProperty("open").GetDecimal(),
            root.GetProperty("high").GetDecimal(),
            root.GetProperty("low").GetDecimal(),
            root.GetProperty("close").GetDecimal(),
            root.GetProperty("volume").GetDecimal());
    }
}
