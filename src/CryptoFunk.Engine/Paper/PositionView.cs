using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Engine.Paper;

/// <summary>An open position as a trader reads it: marked at the last close, with its unrealised P&amp;L.</summary>
/// <param name="Symbol">The market held.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Base-asset quantity.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="MarkPrice">The market's last close.</param>
/// <param name="UnrealisedPnl">Gain or loss at the mark, before the fee of closing (the entry fee is already paid).</param>
public sealed record PositionView(MarketSymbol Symbol, PositionSide Side, decimal Quantity, decimal EntryPrice, decimal MarkPrice, decimal UnrealisedPnl)
{
    /// <summary>The broker's open positions, marked at each market's last close, in symbol order.</summary>
    public static IReadOnlyList<PositionView> Of(IBroker broker) =>
    [
        .. broker.Positions
            .OrderBy(p => p.Symbol.ToString(), StringComparer.Ordinal)
            .Select(p =>
            {
                var mark = broker.LastCandle(p.Symbol)!.Value.Close;
                return new PositionView(p.Symbol, p.Side, p.Quantity, p.AverageEntryPrice, mark, p.UnrealisedProfitAndLossAt(mark));
            }),
    ];
}
