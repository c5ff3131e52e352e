using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Engine.Desks;

/// <summary>
/// The account as a close found it, copied once for every market deciding at that close: what its agents' portfolio
/// tool reads and what the decision's context holds. A copy, so a market deciding elsewhere (another grain, another
/// silo) sees exactly what a market deciding beside the broker sees.
/// </summary>
/// <param name="Cash">Cash not tied up in positions.</param>
/// <param name="Equity">Cash plus positions marked at their last close.</param>
/// <param name="PeakEquity">Highest equity seen at a close.</param>
/// <param name="Drawdown">Fall from the peak as a fraction.</param>
/// <param name="Positions">Open positions, in the broker's order.</param>
/// <param name="OpenOrders">Orders accepted and not filled yet.</param>
/// <param name="LastCandles">Each market's last settled candle, whose close marks its position.</param>
/// <param name="Rules">Each market's exchange order rules.</param>
public sealed record AccountView(
    decimal Cash,
    decimal Equity,
    decimal PeakEquity,
    decimal Drawdown,
    IReadOnlyList<Position> Positions,
    IReadOnlyList<OrderRequest> OpenOrders,
    IReadOnlyDictionary<MarketSymbol, Candle> LastCandles,
    IReadOnlyDictionary<MarketSymbol, ExchangeRules> Rules)
{
    /// <summary>Copies <paramref name="broker"/>'s account as it stands, for <paramref name="markets"/>.</summary>
    public static AccountView Of(IBroker broker, IEnumerable<MarketSymbol> markets)
    {
        var symbols = markets.ToList();
        return new AccountView(
            broker.Cash,
            broker.Equity,
            broker.PeakEquity,
            broker.Drawdown,
            [.. broker.Positions],
            [.. broker.OpenOrders],
            symbols.Where(s => broker.LastCandle(s) is not null).ToDictionary(s => s, s => broker.LastCandle(s)!.Value),
            symbols.ToDictionary(s => s, broker.RulesFor));
    }

    /// <summary>The open position in <paramref name="symbol"/>, or null.</summary>
    public Position? PositionFor(MarketSymbol symbol) => Positions.FirstOrDefault(p => p.Symbol == symbol);
}
