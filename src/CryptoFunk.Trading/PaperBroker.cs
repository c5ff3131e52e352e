using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// A deterministic simulated exchange for backtests and paper trading. It fills orders only at prices that existed
/// after the decision, charges fees and slippage on every fill, never uses leverage and never resizes an order:
/// anything it cannot do exactly is refused with the reason. Not thread-safe; one run drives one broker.
/// </summary>
/// <remarks>
/// Per candle, in this order: market orders, then the open position's stop loss and take profit, then limit orders;
/// where and at what cost each fills is the <see cref="ExecutionModels"/>' business (by default at the open plus
/// slippage, stops and targets against the open for gaps then high and low, limits where the candle crosses them).
/// Candles with zero volume fill nothing (nothing traded). Shorts are fully collateralised: opening one costs its
/// notional plus fee like a buy, and its value is <c>quantity * (2 * entry - mark)</c>.
/// </remarks>
public sealed class PaperBroker : IBroker
{
    private readonly PaperBrokerOptions _options;
    private readonly ExchangeRuleBook _rules;
    private readonly ExecutionModels _models;
    private readonly List<OrderRequest> _openOrders = [];
    private readonly HashSet<string> _usedOrderIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _valueCheckedAtFill = new(StringComparer.Ordinal);
    private readonly Dictionary<MarketSymbol, Position> _positions = [];
    private readonly Dictionary<MarketSymbol, Candle> _lastCandles = [];
    private readonly List<Fill> _fills = [];
    private readonly List<ClosedTrade> _closedTrades = [];
    private long _lastFillId;

    /// <summary>
    /// Creates a broker holding only <see cref="PaperBrokerOptions.InitialCash"/> that refuses orders breaking
    /// <paramref name="rules"/> (by default none: unit tests and what-if baselines; runs pass the exchange's) and
    /// executes with <paramref name="models"/> (by default <see cref="ExecutionModels.From"/> the options).
    /// </summary>
    public PaperBroker(PaperBrokerOptions? options = null, ExchangeRuleBook? rules = null, ExecutionModels? models = null)
    {
        _options = options ?? new PaperBrokerOptions();
        if (_options.InitialCash <= 0)
            throw new ArgumentException($"InitialCash must be positive, was {_options.InitialCash}", nameof(options));

        _rules = rules ?? ExchangeRuleBook.None;
        _models = models ?? ExecutionModels.From(_options);
        Cash = _options.InitialCash;
        PeakEquity = _options.InitialCash;
    }

    /// <inheritdoc />
    public decimal Cash { get; private set; }

    /// <inheritdoc />
    public IReadOnlyCollection<Position> Positions => _positions.Values;

    /// <inheritdoc />
    public IReadOnlyList<OrderRequest> OpenOrders => [.. _openOrders];

    /// <inheritdoc />
    public IReadOnlyList<Fill> Fills => _fills.AsReadOnly();

    /// <inheritdoc />
    public IReadOnlyList<ClosedTrade> ClosedTrades => _closedTrades.AsReadOnly();

    /// <inheritdoc />
    public decimal PeakEquity { get; private set; }

    /// <inheritdoc />
    public decimal Equity => Cash + _positions.Values.Sum(position => position.ValueAt(_lastCandles[position.Symbol].Close));

    /// <inheritdoc />
    public decimal Drawdown => Math.Max(0m, (PeakEquity - Equity) / PeakEquity);

    /// <inheritdoc />
    public Position? PositionFor(MarketSymbol symbol) => _positions.GetValueOrDefault(symbol);

    /// <inheritdoc />
    public Candle? LastCandle(MarketSymbol symbol) => _lastCandles.TryGetValue(symbol, out var candle) ? candle : null;

    /// <inheritdoc />
    public decimal EquityAt(MarketSymbol symbol, decimal markPrice)
    {
        if (markPrice <= 0)
            throw new ArgumentOutOfRangeException(nameof(markPrice), markPrice, "markPrice must be positive");

        return Cash + _positions.Values.Sum(position =>
            position.ValueAt(position.Symbol == symbol ? markPrice : _lastCandles[position.Symbol].Close));
    }

    /// <inheritdoc />
    public ExchangeRules RulesFor(MarketSymbol symbol) => _rules.For(symbol);

    /// <inheritdoc />
    /// <remarks>
    /// The exchange's minimum order value is checked against the limit price, else the market's last close (as an
    /// exchange checks a market order against its recent price); before the broker has seen a candle of the market,
    /// against the fill price.
    /// </remarks>
    public OrderResult Submit(OrderRequest request)
    {
        var error = Validate(request);
        if (error is not null)
            return OrderResult.Reject(request.ClientOrderId, error);

        _usedOrderIds.Add(request.ClientOrderId);
        _openOrders.Add(request);
        if (ReferencePrice(request) is null)
            _valueCheckedAtFill.Add(request.ClientOrderId);
        return OrderResult.Accept(request.ClientOrderId);
    }

    /// <inheritdoc />
    public bool Cancel(string orderId)
    {
        _valueCheckedAtFill.Remove(orderId);
        return _openOrders.RemoveAll(order => string.Equals(order.ClientOrderId, orderId, StringComparison.Ordinal)) > 0;
    }

    /// <inheritdoc />
    /// <remarks>Candles must arrive strictly increasing per symbol, so no candle (and no fill) is applied twice.</remarks>
    public CandleOutcome OnCandle(MarketSymbol symbol, Candle candle)
    {
        ValidateCandle(symbol, candle);
        var outcome = new OutcomeBuilder();
        if (candle.Volume > 0)
        {
            FillMarketOrders(symbol, candle, outcome);
            CheckExits(symbol, candle, outcome);
            FillLimitOrders(symbol, candle, outcome);
        }

        _lastCandles[symbol] = candle;
        PeakEquity = Math.Max(PeakEquity, Equity);
        return new CandleOutcome(outcome.Fills, outcome.ClosedTrades, outcome.Rejections);
    }

    private string? Validate(OrderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.ClientOrderId))
            return "ClientOrderId is empty";
        if (_usedOrderIds.Contains(request.ClientOrderId))
            return $"ClientOrderId '{request.ClientOrderId}' was already used; order ids must be unique";
        if (request.Symbol.Base is null)
            return "Symbol is not set";
        if (!Enum.IsDefined(request.Side))
            return $"Side {request.Side} is not a known order side";
        if (!Enum.IsDefined(request.Type))
            return $"Type {request.Type} is not a known order type";
        if (request.Quantity <= 0)
            return $"Quantity must be positive, was {request.Quantity}";
        if (request.Type == OrderType.Limit && request.LimitPrice is null)
            return "LimitPrice is required for a limit order";
        if (request.Type == OrderType.Market && request.LimitPrice is not null)
            return "LimitPrice must be empty for a market order";
        if (request.LimitPrice <= 0)
            return $"LimitPrice must be positive, was {request.LimitPrice}";
        if (request.StopLoss <= 0)
            return $"StopLoss must be positive, was {request.StopLoss}";
        if (request.TakeProfit <= 0)
            return $"TakeProfit must be positive, was {request.TakeProfit}";
        if (request.CloseReason is not null && string.IsNullOrWhiteSpace(request.CloseReason))
            return "CloseReason is empty";
        if (!_rules.TryFor(request.Symbol, out var rules))
            return ExchangeRuleBook.Unknown(request.Symbol);
        if (rules.Check(request.Symbol, request.Quantity, ReferencePrice(request), request.LimitPrice) is { } broken)
            return broken.Reason;

        var positionError = CheckAgainstPosition(request, out var opens);
        if (positionError is not null)
            return positionError;
        if (opens is not { } side)
        {
            return request.StopLoss is null && request.TakeProfit is null
                ? null
                : "StopLoss and TakeProfit apply only to orders that open or add to a position; this order reduces one";
        }

        if (request.StopLoss is { } stop && request.TakeProfit is { } target &&
            (side == PositionSide.Long ? stop >= target : stop <= target))
        {
            return $"StopLoss {stop} must be {(side == PositionSide.Long ? "below" : "above")} TakeProfit {target} for a {side} position";
        }

        return request.LimitPrice is { } limit
            ? CheckBracket(request, side, limit, "limit price") ?? CheckCash(request, limit)
            : null;
    }

    private string? CheckAgainstPosition(OrderRequest request, out PositionSide? opens)
    {
        opens = null;
        var position = _positions.GetValueOrDefault(request.Symbol);
        var reducing = position is not null &&
            (position.Side == PositionSide.Long ? request.Side == OrderSide.Sell : request.Side == OrderSide.Buy);
        if (reducing)
        {
            return request.Quantity > position!.Quantity
                ? $"Quantity {request.Quantity} exceeds the {position.Side} position of {position.Quantity} in {request.Symbol}; the broker does not flip a position"
                : null;
        }

        if (request.CloseReason is not null)
        {
            return position is null
                ? $"there is no open position in {request.Symbol} to close"
                : $"a {request.Side} closes no {position.Side} position in {request.Symbol}; a close must reduce the position";
        }

        if (position is null && request.Side == OrderSide.Sell && !_options.AllowShorts)
            return $"sell of {request.Symbol} without a long position; shorts are off (AllowShorts is false)";

        opens = request.Side == OrderSide.Buy ? PositionSide.Long : PositionSide.Short;
        return null;
    }

    private static string? CheckBracket(OrderRequest request, PositionSide side, decimal price, string priceName)
    {
        var isLong = side == PositionSide.Long;
        if (request.StopLoss is { } stop && (isLong ? stop >= price : stop <= price))
            return $"StopLoss {stop} must be {(isLong ? "below" : "above")} the {priceName} {price} for a {side} position";
        if (request.TakeProfit is { } target && (isLong ? target <= price : target >= price))
            return $"TakeProfit {target} must be {(isLong ? "above" : "below")} the {priceName} {price} for a {side} position";
        return null;
    }

    private string? CheckCash(OrderRequest request, decimal price)
    {
        var notional = request.Quantity * price;
        var cost = notional + _models.Fee.Fee(request.Side, request.Quantity, price);
        return cost > Cash
            ? $"insufficient cash: {request.Quantity} x {price} plus fee costs {cost} but cash is {Cash}; orders are never resized"
            : null;
    }

    private void ValidateCandle(MarketSymbol symbol, Candle candle)
    {
        if (candle.Open <= 0 || candle.High <= 0 || candle.Low <= 0 || candle.Close <= 0)
            throw new ArgumentException($"candle at {candle.OpenTime:O} for {symbol} has a non-positive Open, High, Low or Close", nameof(candle));
        if (candle.High < Math.Max(candle.Open, candle.Close) || candle.Low > Math.Min(candle.Open, candle.Close))
            throw new ArgumentException($"candle at {candle.OpenTime:O} for {symbol} has High/Low that do not contain Open and Close", nameof(candle));
        if (candle.Volume < 0)
            throw new ArgumentException($"candle at {candle.OpenTime:O} for {symbol} has negative Volume {candle.Volume}", nameof(candle));
        if (_lastCandles.TryGetValue(symbol, out var last) && candle.OpenTime <= last.OpenTime)
        {
            throw new ArgumentException(
                $"candle OpenTime {candle.OpenTime:O} for {symbol} is not after the last processed candle {last.OpenTime:O}; candles must arrive strictly increasing per symbol",
                nameof(candle));
        }
    }

    private void FillMarketOrders(MarketSymbol symbol, Candle candle, OutcomeBuilder outcome)
    {
        foreach (var order in LiveOrders(symbol, OrderType.Market, candle))
        {
            _openOrders.Remove(order);
            Execute(order, _models.Fill.Fill(order, candle, _models.Slippage), candle, outcome);
        }
    }

    private void FillLimitOrders(MarketSymbol symbol, Candle candle, OutcomeBuilder outcome)
    {
        foreach (var order in LiveOrders(symbol, OrderType.Limit, candle))
        {
            var quote = _models.Fill.Fill(order, candle, _models.Slippage);
            if (quote.Fills || quote.Refusal is not null)
            {
                _openOrders.Remove(order);
                Execute(order, quote, candle, outcome);
            }
        }
    }

    private List<OrderRequest> LiveOrders(MarketSymbol symbol, OrderType type, Candle candle) =>
        [.. _openOrders.Where(order => order.Symbol == symbol && order.Type == type && order.DecisionTime <= candle.OpenTime)];

    private void Execute(OrderRequest request, FillQuote quote, Candle candle, OutcomeBuilder outcome)
    {
        var positionError = CheckAgainstPosition(request, out var opens);
        var valueError = _valueCheckedAtFill.Remove(request.ClientOrderId) && quote.Fills
            ? _rules.For(request.Symbol).CheckNotional(request.Symbol, request.Quantity, quote.Price)?.Reason
            : null;
        var error = quote.Refusal ?? positionError ?? valueError;
        if (error is null && opens is { } side)
            error = CheckBracket(request, side, quote.Price, "fill price") ?? CheckCash(request, quote.Price);
        if (error is not null)
        {
            Reject(request, candle, error, outcome);
            return;
        }

        var fill = RecordFill(request.ClientOrderId, request.Symbol, request.Side, request.Quantity, quote, candle, outcome);
        if (opens is { } openSide)
        {
            Cash -= fill.Notional + fill.Fee;
            Open(request, openSide, fill);
        }
        else
        {
            Reduce(_positions[request.Symbol], fill, request.CloseReason ?? quote.Reason, outcome);
        }
    }

    private void CheckExits(MarketSymbol symbol, Candle candle, OutcomeBuilder outcome)
    {
        if (!_positions.TryGetValue(symbol, out var position))
            return;

        var quote = _models.Fill.Exit(position, candle, _models.Slippage);
        if (!quote.Fills)
            return;

        var fill = RecordFill(position.OpeningOrderIds[0], position.Symbol, position.Side.ClosingSide(), position.Quantity, quote, candle, outcome);
        Reduce(position, fill, quote.Reason, outcome);
    }

    private Fill RecordFill(string orderId, MarketSymbol symbol, OrderSide side, decimal quantity, FillQuote quote, Candle candle, OutcomeBuilder outcome)
    {
        var fee = _models.Fee.Fee(side, quantity, quote.Price);
        var fill = new Fill(++_lastFillId, orderId, symbol, side, quantity, quote.Price, fee, quote.SlippageCost, candle.OpenTime, quote.Reason);
        _fills.Add(fill);
        outcome.Fills.Add(fill);
        return fill;
    }

    private void Open(OrderRequest request, PositionSide side, Fill fill)
    {
        if (!_positions.TryGetValue(request.Symbol, out var position))
        {
            _positions[request.Symbol] = new Position(request.Symbol, side, fill.Quantity, fill.Price, request.StopLoss,
                request.TakeProfit, fill.Time, [request.ClientOrderId], fill.Fee);
            return;
        }

        var quantity = position.Quantity + fill.Quantity;
        _positions[request.Symbol] = position with
        {
            Quantity = quantity,
            AverageEntryPrice = ((position.Quantity * position.AverageEntryPrice) + fill.Notional) / quantity,
            StopLoss = request.StopLoss ?? position.StopLoss,
            TakeProfit = request.TakeProfit ?? position.TakeProfit,
            OpeningOrderIds = [.. position.OpeningOrderIds, request.ClientOrderId],
            EntryFees = position.EntryFees + fill.Fee,
        };
    }

    private void Reduce(Position position, Fill fill, string exitReason, OutcomeBuilder outcome)
    {
        var quantity = fill.Quantity;
        var closesAll = quantity == position.Quantity;
        var entryFee = closesAll ? position.EntryFees : position.EntryFees * quantity / position.Quantity;
        var entryNotional = quantity * position.AverageEntryPrice;
        var gross = position.Side == PositionSide.Long ? fill.Notional - entryNotional : entryNotional - fill.Notional;
        var profitAndLoss = gross - entryFee - fill.Fee;
        Cash += entryNotional + gross - fill.Fee;

        var trade = new ClosedTrade(position.Symbol, position.Side, quantity, position.AverageEntryPrice, fill.Price,
            position.OpenedAt, fill.Time, profitAndLoss, profitAndLoss / entryNotional * 100m, fill.Time - position.OpenedAt,
            exitReason, position.OpeningOrderIds, fill.OrderId);
        _closedTrades.Add(trade);
        outcome.ClosedTrades.Add(trade);

        if (closesAll)
            _positions.Remove(position.Symbol);
        else
            _positions[position.Symbol] = position with { Quantity = position.Quantity - quantity, EntryFees = position.EntryFees - entryFee };
    }

    private decimal? ReferencePrice(OrderRequest request) => request.LimitPrice ?? LastCandle(request.Symbol)?.Close;

    private static void Reject(OrderRequest order, Candle candle, string reason, OutcomeBuilder outcome) =>
        outcome.Rejections.Add(new OrderRejection(order.ClientOrderId, candle.OpenTime, reason));

    private sealed class OutcomeBuilder
    {
        public List<Fill> Fills { get; } = [];

        public List<ClosedTrade> ClosedTrades { get; } = [];

        public List<OrderRejection> Rejections { get; } = [];
    }
}
