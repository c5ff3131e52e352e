using CryptoFunk.Markets;
using CryptoFunk.Trading;

namespace CryptoFunk.Engine.Desks;

/// <summary>
/// A market desk's account as an <see cref="IBroker"/> that only reads, so its plugins serve the account the close
/// found unchanged: the desk shows it the <see cref="AccountView"/> of each close before its agents answer. The account
/// belongs to the session, so every order is refused and nothing settles here.
/// </summary>
internal sealed class AccountViewBroker : IBroker
{
    /// <summary>The account shown, as the current close found it.</summary>
    public AccountView View { get; set; } = new(0m, 0m, 0m, 0m, [], [], new Dictionary<MarketSymbol, Candle>(), new Dictionary<MarketSymbol, ExchangeRules>());

    public decimal Cash => View.Cash;

    public IReadOnlyCollection<Position> Positions => View.Positions;

    public IReadOnlyList<OrderRequest> OpenOrders => View.OpenOrders;

    public IReadOnlyList<Fill> Fills => throw NotHeld("fills");

    public IReadOnlyList<ClosedTrade> ClosedTrades => throw NotHeld("closed trades");

    public decimal PeakEquity => View.PeakEquity;

    public decimal Equity => View.Equity;

    public decimal Drawdown => View.Drawdown;

    public Position? PositionFor(MarketSymbol symbol) => View.PositionFor(symbol);

    public Candle? LastCandle(MarketSymbol symbol) => View.LastCandles.TryGetValue(symbol, out var candle) ? candle : null;

    public decimal EquityAt(MarketSymbol symbol, decimal markPrice) => throw NotHeld("marks other than the close's");

    public ExchangeRules RulesFor(MarketSymbol symbol) => View.Rules.TryGetValue(symbol, out var rules) ? rules : ExchangeRules.None;

    public OrderResult Submit(OrderRequest request) =>
        OrderResult.Reject(request.ClientOrderId, "a market desk reads the account; its session places the orders");

    public bool Cancel(string orderId) => false;

    public CandleOutcome OnCandle(MarketSymbol symbol, Candle candle) => throw NotHeld("settlement");

    private static NotSupportedException NotHeld(string what) => new($"a market desk's view of the account holds no {what}");
}
