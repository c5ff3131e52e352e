using System.Text.Json;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;

namespace CryptoFunk.Host.Mcp;

/// <summary>
/// A stored paper account as an <see cref="IBroker"/> that only reads, so the portfolio plugin serves it unchanged:
/// cash, equity and drawdown from its last stored close, positions marked at each market's last stored candle. The
/// account belongs to its <c>paper</c> process, so every order is refused and nothing settles here.
/// </summary>
internal sealed class StoredAccountBroker(StoredAccount account) : IBroker
{
    private readonly IReadOnlyCollection<Position> _positions = [.. account.OpenPositions.Select(ToPosition)];

    public decimal Cash => account.Equity?.Cash ?? account.InitialCapital;

    public IReadOnlyCollection<Position> Positions => _positions;

    public IReadOnlyList<OrderRequest> OpenOrders { get; } = [.. account.OpenOrders.Select(order => order.ToRequest())];

    public IReadOnlyList<Fill> Fills => throw NotHeld("fills");

    public IReadOnlyList<ClosedTrade> ClosedTrades => throw NotHeld("closed trades (see cryptofunk trades)");

    public decimal PeakEquity => account.Equity?.PeakEquity ?? account.InitialCapital;

    public decimal Equity => account.Equity?.Equity ?? account.InitialCapital;

    public decimal Drawdown => account.Equity?.Drawdown ?? 0m;

    public Position? PositionFor(MarketSymbol symbol) => _positions.FirstOrDefault(position => position.Symbol == symbol);

    public Candle? LastCandle(MarketSymbol symbol) => account.LastCandles.TryGetValue(symbol, out var candle) ? candle : null;

    public decimal EquityAt(MarketSymbol symbol, decimal markPrice) => throw NotHeld("marks other than the stored ones");

    public ExchangeRules RulesFor(MarketSymbol symbol) => throw NotHeld("exchange rules");

    public OrderResult Submit(OrderRequest request) =>
        OrderResult.Reject(request.ClientOrderId, $"{account.RunId} is a stored paper account, read here only; its paper process places its orders");

    public bool Cancel(string orderId) => false;

    public CandleOutcome OnCandle(MarketSymbol symbol, Candle candle) => throw NotHeld("settlement");

    private static Position ToPosition(PositionRecord record) => new(
        MarketSymbol.Parse(record.Symbol),
        record.Side,
        record.Quantity,
        record.EntryPrice,
        record.StopLoss,
        record.TakeProfit,
        record.OpenedAt,
        JsonSerializer.Deserialize<string[]>(record.OpeningOrderIdsJson) ?? [],
        EntryFees: 0m);

    private NotSupportedException NotHeld(string what) => new($"the stored view of {account.RunId} holds no {what}");
}
