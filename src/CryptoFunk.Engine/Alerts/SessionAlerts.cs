using CryptoFunk.Agents.Alerts;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine.Alerts;

/// <summary>The alerts a trading session raises, worded from the broker's and the risk gate's own numbers.</summary>
internal static class SessionAlerts
{
    /// <summary>An entry order filled: a position opened (or grew).</summary>
    public static Alert Entry(string run, Fill fill, OrderRequest? order)
    {
        var stop = order?.StopLoss is { } s ? $", stop {RiskText.Number(s)}" : "";
        var target = order?.TakeProfit is { } t ? $", target {RiskText.Number(t)}" : "";
        var verb = fill.Side == OrderSide.Buy ? "bought" : "sold short";
        return new Alert(AlertKinds.TradeEntry, AlertSeverity.Info, $"{verb} {RiskText.Number(fill.Quantity)} at {RiskText.Number(fill.Price)} (fee {RiskText.Number(fill.Fee)}){stop}{target}")
        {
            Run = run,
            Symbol = fill.Symbol.ToString(),
            Time = fill.Time,
        };
    }

    /// <summary>A position (or part of it) closed, with its result.</summary>
    public static Alert Exit(string run, ClosedTrade trade) => new(
        AlertKinds.TradeExit,
        AlertSeverity.Info,
        $"closed {trade.Side.ToString().ToLowerInvariant()} {RiskText.Number(trade.Quantity)} at {RiskText.Number(trade.ExitPrice)} ({trade.ExitReason}): " +
        $"P&L {RiskText.Number(decimal.Round(trade.ProfitAndLoss, 2))} ({RiskText.Number(decimal.Round(trade.ProfitAndLossPercent, 2))}%)")
    {
        Run = run,
        Symbol = trade.Symbol.ToString(),
        Time = trade.ExitTime,
    };

    /// <summary>The risk gate refused a trade because equity reached the drawdown halt.</summary>
    public static Alert Halt(string run, string symbol, DateTimeOffset time, TradeRefusal refusal) => new(AlertKinds.DrawdownHalt, AlertSeverity.Warning, refusal.Reason)
    {
        Run = run,
        Symbol = symbol,
        Time = time,
    };
}
