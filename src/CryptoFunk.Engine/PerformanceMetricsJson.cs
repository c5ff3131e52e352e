using System.Text.Json;
using CryptoFunk.Agents.StructuredOutput;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Engine;

/// <summary>A strategy's metrics as every run summary writes them (the agents, buy-and-hold, the rules engine alone).</summary>
public static class PerformanceMetricsJson
{
    /// <summary>Writes <paramref name="m"/> as the object <paramref name="name"/>, snake_case keys, unknown ratios as null.</summary>
    public static void Write(Utf8JsonWriter json, string name, PerformanceMetrics m)
    {
        json.WriteStartObject(name);
        json.WriteDecimal("final_equity", m.FinalEquity);
        json.WriteDecimal("total_return", m.TotalReturn);
        json.WriteNumberOrNull("cagr", m.Cagr);
        json.WriteNumberOrNull("sharpe", m.Sharpe);
        json.WriteNumberOrNull("sortino", m.Sortino);
        json.WriteDecimal("max_drawdown", m.MaxDrawdown);
        json.WriteNumber("trades", m.Trades);
        json.WriteNumber("wins", m.Wins);
        json.WriteNumberOrNull("win_rate", m.WinRate);
        json.WriteNumberOrNull("average_trade_pnl_percent", m.AverageTradePnlPercent);
        json.WriteDecimal("fees_paid", m.FeesPaid);
        json.WriteNumberOrNull("exposure", m.Exposure);
        json.WriteEndObject();
    }
}
