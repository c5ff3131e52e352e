using CryptoFunk.Markets;

namespace CryptoFunk.Trading;

/// <summary>
/// A deterministic simulated exchange for backtests and paper trading. It fills orders only at prices that existed
/// after the decision, charges fees and slippage on every fill, never uses leverage and never resizes an order:
/// anything it cannot do exactly is refused with the reason. Not thread-safe; one run drives one broker.
/// </summary>
/// <remarks>
/// Per candle, in this order: market orders fill at the open (plus slippage); stop loss and take profit of the open
/// position are checked against the open (gaps), then high and low; limit orders fill where the candle crosses them.
/// Candles with zero volume fill nothing (nothing traded). Shorts are fully collateralised: opening one costs its
/// notional plus fee like a buy, and its value is <c>quantity * (2 * entry - mark)</c>.
/// </remarks>
public sealed class PaperBroker
{
    private const decimal BasisPointsPerUnit = 10_000m;

    private readonly PaperBrokerOptions _options;
    private readonly List<PendingOrder> _openOrders = [];
    private readonly HashSet<string> _usedOrderIds = new(StringComparer.Ordinal);
    private readonly Dictionary<MarketSymbol, Position> _positions = [];
    private readonly Dictionary<MarketSymbol, Candle> _lastCandles = [];
    private readonly List<Fill> _fills = [];
    private readonly List<ClosedTrade> _closedTrades = [];
    private long _lastFillId;

    /// <summary>Creates a broker holding only <see cref="PaperBrokerOptions.InitialCash"/>.</summary>
    public PaperBroker(PaperBrokerOptions? options = null)
    {
        _options = options ?? new PaperBrokerOptions();
        if (_options.InitialCash <= 0)
            throw new ArgumentException($"InitialCash must be positive, was {_options.InitialCash}", nameof(options));
        if (_options.TakerFeeRate is < 0 or >= 1)
            throw new ArgumentException($"TakerFeeRate must be in [0, 1), was {_options.TakerFeeRate}", nameof(options));
        if (_options.SlippageBasisPoints < 0 || _options.SizeImpactBasisPointsPerPercentOfVolume < 0)
            throw new ArgumentException("SlippageBasisPoints and SizeImpactBasisPointsPerPercentOfVolume must not be negative", nameof(options));
        if (_options.SlippageBasisPoints + (100m * _options.SizeImpactBasisPointsPerPercentOfVolume) >= BasisPointsPerUnit)
            throw new ArgumentException("slippage at 100% of a candle's volume must stay below 10,000 basis points", nameof(options));

        Cash = _options.InitialCash;
        PeakEquity = _options.InitialCash;
    }

    /// <summary>Quote-currency cash not tied up in positions.</summary>
    public decimal Cash { get; private set; }

    /// <summary>Open positions, at most one per symbol.</summary>
    public IReadOnlyCollection<Position> Positions => _positions.Values;

    /// <summary>Orders accepted and not yet filled, refused or cancelled, in submission order.</summary>
    public IReadOnlyList<OrderRequest> OpenOrders => [.. _openOrders.Select(order => order.Request)];

    /// <summary>Every fill so far, in the order it happened.</summary>
    public IReadOnlyList<Fill> Fills => _fills.AsReadOnly();

    /// <summary>Every closed position (or closed part) so far.</summary>
    public IReadOnlyList<ClosedTrade> ClosedTrades => _closedTrades.AsReadOnly();

    /// <summary>Highest equity seen at a candle close, the reference for <see cref="Drawdown"/>.</summary>
    public decimal PeakEquity { get; private set; }

    /// <summary>Cash plus positions marked at the last close of their symbol.</summary>
    public decimal Equity => Cash + _positions.Values.Sum(position => Value(position, _lastCandles[position.Symbol].Close));

    /// <summary>Fall from <see cref="PeakEquity"/> to <see cref="Equity"/> as a fraction (0.1 is 10%).</summary>
    public decimal Drawdown => Math.Max(0m, (PeakEquity - Equity) / PeakEquity);

    /// <summary>The open position in <paramref name="symbol"/>, or null.</summary>
    public Position? PositionFor(MarketSymbol symbol) => _positions.GetValueOrDefault(symbol);

    /// <summary>The last candle processed for <paramref name="symbol"/>, whose close marks its position; null before the first.</summary>
    public Candle? LastCandle(MarketSymbol symbol) => _lastCandles.TryGetValue(symbol, out var candle) ? candle : null;

    /// <summary>Equity with <paramref name="symbol"/> marked at <paramref name="markPrice"/> and others at their last close.</summary>
    public decimal EquityAt(MarketSymbol symbol, decimal markPrice)
    {
        if (markPrice <= 0)
            throw new ArgumentOutOfRangeException(nameof(markPrice), markPrice, "markPrice must be positive");

        return Cash + _positions.Values.Sum(position =>
            Value(position, position.Symbol == symbol ? markPrice : _lastCandles[position.Symbol].Close));
    }

    /// <summary>Queues an order after checking it; a refused order comes back with the reason naming the field.</summary>
    public OrderResult Submit(OrderRequest request) => Queue(request, closeReason: null);

    /// <summary>Removes an open order; false when no open order has that id.</summary>
    public bool Cancel(string orderId) =>
        _openOrders.RemoveAll(order => string.Equals(order.Request.ClientOrderId, orderId, StringComparison.Ordinal)) > 0;

    /// <summary>
    /// Submits a market order for the whole position in <paramref name="symbol"/>; the resulting closed trade carries
    /// <paramref name="reason"/> as its exit reason. <paramref name="clientOrderId"/> lets the caller store the intent
    /// under its id before the order exists.
    /// </summary>
    public OrderResult ClosePosition(MarketSymbol symbol, DateTimeOffset decisionTime, string reason, string? clientOrderId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var orderId = clientOrderId ?? $"close:{symbol}:{decisionTime.UtcTicks}";
        if (!_positions.TryGetValue(symbol, out var position))
            return OrderResult.Reject(orderId, $"there is no open position in {symbol} to close");

        var side = position.Side == PositionSide.Long ? OrderSide.Sell : OrderSide.Buy;
        return Queue(new OrderRequest(orderId, symbol, side, OrderType.Market, position.Quantity, null, null, null, decisionTime), reason);
    }

    /// <summary>
    /// Processes the next candle of <paramref name="symbol"/>. Candles must arrive strictly increasing per symbol, so
    /// no candle (and no fill) is applied twice.
    /// </summary>
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

    private OrderResult Queue(OrderRequest request, string? closeReason)
    {
        var error = Validate(request);
        if (error is not null)
            return OrderResult.Reject(request.ClientOrderId, error);

        _usedOrderIds.Add(request.ClientOrderId);
        _openOrders.Add(new PendingOrder(request, closeReason));
        return OrderResult.Accept(request.ClientOrderId);
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
            ? CheckBracket(request, side, limit, "limit price") ?? CheckCash(request.Quantity, limit)
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

    private string? CheckCash(decimal quantity, decimal price)
    {
        var notional = quantity * price;
        var cost = notional + (notional * _options.TakerFeeRate);
        return cost > Cash
            ? $"insufficient cash: {quantity} x {price} plus fee costs {cost} but cash is {Cash}; orders are never resized"
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
            var request = order.Request;
            if (request.Quantity > candle.Volume)
            {
                Reject(order, candle, $"Quantity {request.Quantity} exceeds the candle's traded volume {candle.Volume}", outcome);
                continue;
            }

            var price = Slipped(request.Side, candle.Open, request.Quantity, candle);
            Execute(order, price, Math.Abs(price - candle.Open) * request.Quantity, FillReasons.Market, candle, outcome);
        }
    }

    private void FillLimitOrders(MarketSymbol symbol, Candle candle, OutcomeBuilder outcome)
    {
        foreach (var order in LiveOrders(symbol, OrderType.Limit, candle))
        {
            var limit = order.Request.LimitPrice!.Value;
            var isBuy = order.Request.Side == OrderSide.Buy;
            if (isBuy ? candle.Low > limit : candle.High < limit)
                continue;

            _openOrders.Remove(order);
            var price = isBuy ? Math.Min(candle.Open, limit) : Math.Max(candle.Open, limit);
            Execute(order, price, 0m, FillReasons.Limit, candle, outcome);
        }
    }

    private List<PendingOrder> LiveOrders(MarketSymbol symbol, OrderType type, Candle candle) =>
        [.. _openOrders.Where(order => order.Request.Symbol == symbol && order.Request.Type == type && order.Request.DecisionTime <= candle.OpenTime)];

    private void Execute(PendingOrder order, decimal price, decimal slippageCost, string reason, Candle candle, OutcomeBuilder outcome)
    {
        var request = order.Request;
        var error = CheckAgainstPosition(request, out var opens);
        if (error is null && opens is { } side)
            error = CheckBracket(request, side, price, "fill price") ?? CheckCash(request.Quantity, price);
        if (error is not null)
        {
            Reject(order, candle, error, outcome);
            return;
        }

        var fill = RecordFill(request.ClientOrderId, request.Symbol, request.Side, request.Quantity, price, slippageCost, candle, reason, outcome);
        if (opens is { } openSide)
        {
            Cash -= fill.Notional + fill.Fee;
            Open(request, openSide, fill);
        }
        else
        {
            Reduce(_positions[request.Symbol], fill, order.CloseReason ?? reason, outcome);
        }
    }

    private void CheckExits(MarketSymbol symbol, Candle candle, OutcomeBuilder outcome)
    {
        if (!_positions.TryGetValue(symbol, out var position))
            return;

        var isLong = position.Side == PositionSide.Long;
        var exitSide = isLong ? OrderSide.Sell : OrderSide.Buy;
        var stop = position.StopLoss;
        var target = position.TakeProfit;
        var stopHit = stop is { } s && (isLong ? candle.Low <= s : candle.High >= s);
        var targetHit = target is { } t && (isLong ? candle.High >= t : candle.Low <= t);

        if (stop is { } gapStop && (isLong ? candle.Open <= gapStop : candle.Open >= gapStop))
            ExitAt(position, exitSide, candle.Open, slipped: true, FillReasons.StopLossGap, candle, outcome);
        else if (target is { } gapTarget && (isLong ? candle.Open >= gapTarget : candle.Open <= gapTarget))
            ExitAt(position, exitSide, candle.Open, slipped: false, FillReasons.TakeProfit, candle, outcome);
        else if (stopHit)
            ExitAt(position, exitSide, stop!.Value, slipped: true, targetHit ? FillReasons.StopLossAssumedBothHit : FillReasons.StopLoss, candle, outcome);
        else if (targetHit)
            ExitAt(position, exitSide, target!.Value, slipped: false, FillReasons.TakeProfit, candle, outcome);
    }

    private void ExitAt(Position position, OrderSide side, decimal reference, bool slipped, string reason, Candle candle, OutcomeBuilder outcome)
    {
        var price = slipped ? Slipped(side, reference, position.Quantity, candle) : reference;
        var fill = RecordFill(position.OpeningOrderIds[0], position.Symbol, side, position.Quantity, price,
            Math.Abs(price - reference) * position.Quantity, candle, reason, outcome);
        Reduce(position, fill, reason, outcome);
    }

    private decimal Slipped(OrderSide side, decimal reference, decimal quantity, Candle candle)
    {
        var participationPercent = Math.Min(100m, 100m * quantity * reference / (candle.Volume * candle.Close));
        var basisPoints = _options.SlippageBasisPoints + (_options.SizeImpactBasisPointsPerPercentOfVolume * participationPercent);
        var move = reference * basisPoints / BasisPointsPerUnit;
        return side == OrderSide.Buy ? reference + move : reference - move;
    }

    private Fill RecordFill(string orderId, MarketSymbol symbol, OrderSide side, decimal quantity, decimal price,
        decimal slippageCost, Candle candle, string reason, OutcomeBuilder outcome)
    {
        var fee = quantity * price * _options.TakerFeeRate;
        var fill = new Fill(++_lastFillId, orderId, symbol, side, quantity, price, fee, slippageCost, candle.OpenTime, reason);
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

    private static void Reject(PendingOrder order, Candle candle, string reason, OutcomeBuilder outcome) =>
        outcome.Rejections.Add(new OrderRejection(order.Request.ClientOrderId, candle.OpenTime, reason));

    private static decimal Value(Position position, decimal mark) =>
        position.Side == PositionSide.Long
            ? position.Quantity * mark
            : position.Quantity * ((2m * position.AverageEntryPrice) - mark);

    private sealed record PendingOrder(OrderRequest Request, string? CloseReason);

    private sealed class OutcomeBuilder
    {
        public List<Fill> Fills { get; } = [];

        public List<ClosedTrade> ClosedTrades { get; } = [];

        public List<OrderRejection> Rejections { get; } = [];
    }
}
