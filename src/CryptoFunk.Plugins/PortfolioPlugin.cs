using System.ComponentModel;
using CryptoFunk.Markets;
using CryptoFunk.Trading;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Plugins;

/// <summary>
/// The paper account (cash, equity, drawdown, positions) as read-only Semantic Kernel functions, so agents size and
/// manage trades against the real book. Positions are marked at the close of the last candle the broker was fed;
/// the trading loop feeds it only candles closed by the decision time, so these answers are as of that time too.
/// </summary>
public sealed class PortfolioPlugin
{
    private readonly IBroker _broker;

    /// <summary>Reads <paramref name="broker"/>; it never places or cancels anything.</summary>
    public PortfolioPlugin(IBroker broker)
    {
        _broker = broker;
    }

    [KernelFunction]
    [Description("The paper account: cash, equity (cash plus positions at the last close), peak equity, drawdown from the peak in percent, open positions and orders, and exposure (position notional divided by equity, 0.5 means half the equity is in positions).")]
    private SummaryResult GetSummary()
    {
        var equity = _broker.Equity;
        var notional = _broker.Positions.Sum(position => position.Quantity * Mark(position));
        return new SummaryResult(
            CompactNumber.Amount(_broker.Cash),
            CompactNumber.Amount(equity),
            CompactNumber.Amount(_broker.PeakEquity),
            CompactNumber.Round(_broker.Drawdown * 100m, 2),
            _broker.Positions.Count,
            _broker.OpenOrders.Count,
            equity > 0 ? CompactNumber.Round(notional / equity, 4) : null);
    }

    [KernelFunction]
    [Description("Open positions: side, quantity, average entry, stop loss, take profit, when opened, the last close they are marked at, and unrealised profit and loss at that close, before fees.")]
    private PositionsResult GetPositions() =>
        new([.. _broker.Positions.OrderBy(position => position.Symbol.ToString(), StringComparer.Ordinal).Select(position =>
        {
            var mark = Mark(position);
            var perUnit = position.GainPerUnitAt(mark);
            return new PositionView(
                position.Symbol.ToString(),
                position.Side,
                CompactNumber.Amount(position.Quantity),
                CompactNumber.Amount(position.AverageEntryPrice),
                position.StopLoss is { } stop ? CompactNumber.Amount(stop) : null,
                position.TakeProfit is { } target ? CompactNumber.Amount(target) : null,
                UtcTimestamp.Format(position.OpenedAt),
                CompactNumber.Amount(mark),
                CompactNumber.Amount(position.UnrealisedProfitAndLossAt(mark)),
                CompactNumber.Round(perUnit / position.AverageEntryPrice * 100m, 2));
        })]);

    private decimal Mark(Position position) =>
        _broker.LastCandle(position.Symbol)?.Close
        ?? throw new InvalidOperationException($"the broker holds {position.Symbol} but was never fed a candle of it");

    /// <summary>The account at the last candle the broker was fed.</summary>
    private sealed record SummaryResult(
        decimal Cash,
        decimal Equity,
        decimal PeakEquity,
        decimal DrawdownPercent,
        int OpenPositions,
        int OpenOrders,
        decimal? Exposure);

    /// <summary>All open positions, by symbol.</summary>
    private sealed record PositionsResult(IReadOnlyList<PositionView> Positions);

    /// <summary>One position marked at its last close.</summary>
    private sealed record PositionView(
        string Symbol,
        PositionSide Side,
        decimal Quantity,
        decimal AverageEntryPrice,
        decimal? StopLoss,
        decimal? TakeProfit,
        string OpenedAt,
        decimal MarkPrice,
        decimal UnrealisedPnl,
        decimal UnrealisedPnlPercent);
}
