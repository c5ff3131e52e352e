using CryptoFunk.Markets;

namespace CryptoFunk.Trading.Performance;

/// <summary>
/// The simplest strategy to beat: spend all cash on one market buy at the start of the window and hold to its end.
/// It runs through a real <see cref="PaperBroker"/>, so it pays the same fees and slippage and meets the same exchange
/// rules as the agents: its quantity is rounded down to the step size, and a buy the exchange would refuse is not
/// made (the cash is held and the result says why).
/// </summary>
public static class BuyAndHoldBaseline
{
    /// <summary>Client order id of the single buy.</summary>
    public const string OrderId = "buy-and-hold";

    private const decimal BasisPointsPerUnit = 10_000m;
    private const int QuantityDecimals = 8;

    // Sizing is solved in double; giving up one part per million of the quantity keeps rounding from ever making the
    // order cost more than the cash (the broker refuses, never resizes).
    private const double SizingMargin = 1e-6;

    /// <summary>
    /// Buys at <paramref name="from"/> (filled at the open of the first traded candle from then on) and marks equity
    /// at the close of every candle that opens at or after <paramref name="from"/> and closes by <paramref name="to"/>.
    /// </summary>
    /// <param name="candles">Candles of <paramref name="symbol"/>, ascending, <paramref name="timeframe"/> apart.</param>
    /// <param name="symbol">Market bought.</param>
    /// <param name="timeframe">Bar length, which places each close and annualises the metrics.</param>
    /// <param name="from">Decision time of the buy and start of the window.</param>
    /// <param name="to">End of the window.</param>
    /// <param name="options">Broker costs and starting cash, the same as the run being compared.</param>
    /// <param name="rules">The exchange's order rules for <paramref name="symbol"/>, the same as the run's; none when null.</param>
    public static BuyAndHoldResult Run(IReadOnlyList<Candle> candles, MarketSymbol symbol, Timeframe timeframe,
        DateTimeOffset from, DateTimeOffset to, PaperBrokerOptions options, ExchangeRules? rules = null)
    {
        var window = Window(candles, timeframe, from, to).ToList();
        var fillIndex = window.FindIndex(candle => candle.Volume > 0);
        if (fillIndex < 0)
        {
            throw new ArgumentException(
                $"no traded {symbol} candle between {UtcTimestamp.Format(from)} and {UtcTimestamp.Format(to)} to buy at", nameof(candles));
        }

        var exchange = rules ?? ExchangeRules.None;
        var broker = new PaperBroker(options, new ExchangeRuleBook(new Dictionary<MarketSymbol, ExchangeRules> { [symbol] = exchange }));
        var quantity = exchange.RoundDown(AffordableQuantity(options, window[fillIndex]));
        var breach = exchange.Check(symbol, quantity, window[fillIndex].Open);
        if (breach is null)
        {
            var order = broker.Submit(new OrderRequest(OrderId, symbol, OrderSide.Buy, OrderType.Market, quantity, null, null, null, from));
            if (!order.Accepted)
                throw new InvalidOperationException($"the buy-and-hold order was refused: {order.RejectionReason}");
        }

        var curve = new List<EquityPoint>(window.Count + 1) { new(window[0].OpenTime, broker.Equity) };
        foreach (var candle in window)
        {
            var outcome = broker.OnCandle(symbol, candle);
            if (outcome.Rejections.Count > 0)
                throw new InvalidOperationException($"the buy-and-hold order was refused at fill: {outcome.Rejections[0].Reason}");
            curve.Add(new EquityPoint(candle.OpenTime + timeframe.Duration, broker.Equity, broker.PositionFor(symbol) is not null));
        }

        var fees = broker.Fills.Sum(fill => fill.Fee);
        return new BuyAndHoldResult(
            broker.Fills.SingleOrDefault(),
            curve,
            fees,
            PerformanceCalculator.Compute(curve, broker.ClosedTrades, fees, timeframe.Duration))
        {
            NotBought = breach?.Reason,
        };
    }

    /// <summary>Whether any candle in the window traded, so <see cref="Run"/> has one to buy at.</summary>
    public static bool HasTradedCandle(IReadOnlyList<Candle> candles, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to) =>
        Window(candles, timeframe, from, to).Any(candle => candle.Volume > 0);

    private static IEnumerable<Candle> Window(IReadOnlyList<Candle> candles, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to) =>
        candles.Where(candle => candle.OpenTime >= from && candle.OpenTime + timeframe.Duration <= to);

    /// <summary>
    /// The largest quantity whose cost at <paramref name="candle"/>'s open, with the broker's slippage and fee, fits in
    /// the starting cash, and no more than the candle traded. With participation <c>x = q * open / quoteVolume</c>
    /// the cost is <c>(1 + fee) * open * q * (1 + (slip + 100 * impact * x) / 10000)</c>, a quadratic in <c>q</c>.
    /// Past 100% participation the broker caps the impact, so the quadratic then only overstates the cost.
    /// </summary>
    private static decimal AffordableQuantity(PaperBrokerOptions options, Candle candle)
    {
        var open = (double)candle.Open;
        var cash = (double)options.InitialCash;
        var feeFactor = 1d + (double)options.TakerFeeRate;
        var linear = feeFactor * open * (1d + (double)(options.SlippageBasisPoints / BasisPointsPerUnit));
        var quadratic = feeFactor * open * open * (double)(options.SizeImpactBasisPointsPerPercentOfVolume / BasisPointsPerUnit)
            * 100d / (double)(candle.Volume * candle.Close);

        // Root of quadratic*q^2 + linear*q - cash = 0 in the form that stays exact when quadratic is 0.
        var quantity = 2d * cash / (linear + Math.Sqrt((linear * linear) + (4d * quadratic * cash))) * (1d - SizingMargin);
        var rounded = decimal.Round((decimal)quantity, QuantityDecimals, MidpointRounding.ToZero);
        return Math.Min(rounded, candle.Volume);
    }
}
