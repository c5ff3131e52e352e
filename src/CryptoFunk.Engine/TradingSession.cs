using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Memory;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Markets;
using CryptoFunk.Plugins;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine;

/// <summary>
/// One run of the trading loop over one market: each closed candle first settles the paper broker (fills, stops,
/// outcomes written back to the decisions that opened the trade), then the agents decide at its close, seeing only
/// what had closed by then, and an approved entry is stored as an order intent before the broker gets it. Rows are
/// saved in batches; a batch holding an order intent is saved before the order is placed. Not thread-safe: one loop
/// drives one session.
/// </summary>
public sealed class TradingSession
{
    private readonly string _runId;
    private readonly MarketHistory _history;
    private readonly PaperBroker _broker;
    private readonly TradingPlugins _plugins;
    private readonly DecisionParticipants _participants;
    private readonly TradingDecisionMaker _maker;
    private readonly DecisionMemory _memory;
    private readonly TradingStore? _store;
    private readonly TimeProvider _time;
    private readonly int _batchSize;
    private TradingJournalBatch _batch = new();
    private Task _saving = Task.CompletedTask;
    private readonly List<EquityPoint> _curve = [];
    private readonly SessionTally _tally = new();
    private readonly Dictionary<string, OrderRequest> _orders = new(StringComparer.Ordinal);   // accepted, not yet filled
    private readonly Dictionary<string, OrderRequest> _placed = new(StringComparer.Ordinal);   // every order sent
    private readonly HashSet<DateTimeOffset> _openedPositions = [];

    /// <summary>Creates a session; with no <paramref name="store"/> nothing is persisted (the rules-only baseline).</summary>
    public TradingSession(
        string runId,
        MarketHistory history,
        PaperBroker broker,
        TradingDecisionMaker maker,
        DecisionParticipants participants,
        TradingStore? store,
        TimeProvider time,
        int batchSize = 500)
    {
        _runId = runId;
        _history = history;
        _broker = broker;
        _maker = maker;
        _participants = participants;
        _store = store;
        _time = time;
        _batchSize = batchSize;
        _memory = new DecisionMemory();
        _plugins = new TradingPlugins(history, broker, new DecisionClock());
    }

    /// <summary>Equity at the start and at every candle close so far, flagged when a position was held.</summary>
    public IReadOnlyList<EquityPoint> EquityCurve => _curve;

    /// <summary>Counts of decisions, sources, tokens and cost so far.</summary>
    public SessionTally Tally => _tally;

    /// <summary>Records the starting equity at <paramref name="time"/>, before the first candle.</summary>
    public void Begin(DateTimeOffset time) => _curve.Add(new EquityPoint(time, _broker.Cash, InMarket: false));

    /// <summary>
    /// Settles candle <paramref name="index"/> on the broker and, when <paramref name="decide"/>, lets the agents decide
    /// at its close and executes what they decided. Returns the decision, or null when none was asked for.
    /// </summary>
    public async Task<TradingDecision?> StepAsync(int index, bool decide, CancellationToken cancellationToken)
    {
        var candle = _history.Candles[index];
        var closeTime = candle.OpenTime + _history.Timeframe.Duration;
        Settle(candle, closeTime);
        if (!decide)
        {
            return null;
        }

        _plugins.Clock.Set(closeTime);
        var snapshot = _history.SnapshotAt(closeTime, _maker.Options.RecentCandles);
        var context = new DecisionContext(snapshot, Exposure(closeTime), OpenPosition());
        var features = DecisionInputs.Features(snapshot);
        var inputs = _participants.ReadPrompts
            ? DecisionInputs.For(context.Situation) with
            {
                AgentArguments = LearningContexts(snapshot, features),
                AdditionalTools = _plugins.ReadOnlyTools,
            }
            : DecisionInputs.ForRules(context.Situation);
        var decision = await _maker.DecideAsync(_participants, context, inputs, cancellationToken);
        await ExecuteAsync(decision, snapshot, features, cancellationToken);
        if (_batch.Decisions.Count >= _batchSize)
        {
            await SaveAsync(wait: false, cancellationToken);
        }

        return decision;
    }

    /// <summary>Saves everything not saved yet and waits until it is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => SaveAsync(wait: true, cancellationToken);

    /// <summary>
    /// Hands the pending rows to the store. Batches are saved one after another, in order, while the loop goes on
    /// deciding; with <paramref name="wait"/> this returns only once they all are stored (before an order is placed).
    /// A failed save fails every later one, so nothing is stored out of order.
    /// </summary>
    private async Task SaveAsync(bool wait, CancellationToken cancellationToken)
    {
        if (_store is not null && !_batch.IsEmpty)
        {
            var batch = _batch;
            _batch = new TradingJournalBatch();
            var previous = _saving;
            _saving = Task.Run(
                async () =>
                {
                    await previous;
                    await _store.SaveAsync(batch, cancellationToken);
                },
                cancellationToken);
        }

        _batch.Clear();
        if (wait)
        {
            await _saving;
        }
    }

    private void Settle(Candle candle, DateTimeOffset closeTime)
    {
        var outcome = _broker.OnCandle(_history.Symbol, candle);
        foreach (var fill in outcome.Fills)
        {
            _batch.Fills.Add(FillRecord.From(_runId, fill));
            _tally.FeesPaid += fill.Fee;
        }

        foreach (var order in outcome.Fills.Select(f => f.OrderId).Distinct().Where(id => _orders.Remove(id)))
        {
            _batch.OrderUpdates.Add(new OrderStatusChange(_runId, order, OrderStatuses.Filled, null, closeTime));
        }

        foreach (var rejection in outcome.Rejections)
        {
            _orders.Remove(rejection.OrderId);
            _batch.OrderUpdates.Add(new OrderStatusChange(_runId, rejection.OrderId, OrderStatuses.Rejected, rejection.Reason, closeTime));
        }

        foreach (var trade in outcome.ClosedTrades)
        {
            // A position can open and close within one bar (filled at the open, stopped out before the close).
            RecordOpened(new Position(trade.Symbol, trade.Side, trade.Quantity, trade.EntryPrice, null, null, trade.EntryTime, trade.OpeningOrderIds, 0m));
            _tally.Closed(trade);
            _batch.ClosedPositions.Add(ClosedPosition.From(_runId, trade));
            _batch.Outcomes.Add(TradeOutcome.From(_runId, trade, closeTime));
            foreach (var orderId in trade.OpeningOrderIds)
            {
                // Known once the bar that closed the trade has closed: a stop hit inside the bar is not visible earlier.
                _memory.RecordOutcome(orderId, trade.ProfitAndLossPercent, closeTime);
            }
        }

        var open = _broker.PositionFor(_history.Symbol);
        if (open is not null)
        {
            RecordOpened(open);
        }

        var equity = _broker.Equity;
        _batch.EquitySnapshots.Add(new EquitySnapshotRecord
        {
            RunId = _runId,
            Time = closeTime,
            Cash = _broker.Cash,
            Equity = equity,
            PeakEquity = _broker.PeakEquity,
            Drawdown = _broker.Drawdown,
        });
        _curve.Add(new EquityPoint(closeTime, equity, open is not null));
    }

    private void RecordOpened(Position position)
    {
        if (!_openedPositions.Add(position.OpenedAt))
        {
            return;
        }

        var record = PositionRecord.From(_runId, position);
        if (_placed.TryGetValue(position.OpeningOrderIds[0], out var order))
        {
            record.StopLoss ??= order.StopLoss;
            record.TakeProfit ??= order.TakeProfit;
        }

        _batch.OpenedPositions.Add(record);
    }

    private async Task ExecuteAsync(TradingDecision decision, MarketSnapshot snapshot, IReadOnlyList<double> features, CancellationToken cancellationToken)
    {
        var time = decision.DecisionTime;
        var orderId = decision.Action switch
        {
            _ when decision.IsEntry => $"entry:{decision.Symbol}:{UtcTimestamp.Format(time)}",
            TradeAction.Close => $"close:{decision.Symbol}:{UtcTimestamp.Format(time)}",
            _ => null,
        };
        var record = DecisionRecords.From(_runId, decision, snapshot, _participants, features, orderId, _time.GetUtcNow());
        _batch.Decisions.Add(record);
        _tally.Count(decision);
        if (decision.IsEntry)
        {
            // Only decisions that trade can learn an outcome, so only they are remembered, read from the stored rows.
            foreach (var agent in record.Agents.Where(a => a.AbstainReason is null))
            {
                _memory.Remember(new MemoryEntry(
                    agent.AgentName, decision.Symbol, time, agent.Action, agent.Confidence, agent.Reasoning, decision.Trade?.EntryPrice ?? snapshot.Price, features, orderId));
            }
        }

        if (orderId is null)
        {
            return;
        }

        var request = decision.IsEntry
            ? new OrderRequest(orderId, decision.Symbol, decision.Action == TradeAction.Buy ? OrderSide.Buy : OrderSide.Sell, OrderType.Market, decision.Quantity, null, decision.Trade!.StopLoss, decision.Trade.TakeProfit, time)
            : new OrderRequest(orderId, decision.Symbol, OpenPosition()!.Side == TradeSide.Long ? OrderSide.Sell : OrderSide.Buy, OrderType.Market, decision.Quantity, null, null, null, time);
        _batch.Orders.Add(OrderRecord.From(_runId, request, _time.GetUtcNow()));

        // The intent is durable before the broker sees the order, so a crash cannot leave an order nobody recorded.
        await FlushAsync(cancellationToken);
        var result = decision.IsEntry
            ? _plugins.Orders.Place(new OrderTicket(orderId, request.Side, request.Quantity, OrderType.Market, null, request.StopLoss, request.TakeProfit))
            : _broker.ClosePosition(decision.Symbol, time, "agents decided to close", orderId);
        _placed[orderId] = request;
        if (result.Accepted)
        {
            _orders[orderId] = request;
        }

        _batch.OrderUpdates.Add(new OrderStatusChange(
            _runId, orderId, result.Accepted ? OrderStatuses.Accepted : OrderStatuses.Rejected, result.RejectionReason, _time.GetUtcNow()));
    }

    private Dictionary<string, IReadOnlyDictionary<string, object?>> LearningContexts(MarketSnapshot snapshot, IReadOnlyList<double> features)
    {
        var contexts = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var agent in _participants.Analysis.Members.Concat(_participants.Strategy.Members).Append(_participants.Risk))
        {
            var memory = _memory.Recall(agent.Name, snapshot.Symbol, snapshot.DecisionTime, features);
            contexts[agent.Name] = new Dictionary<string, object?> { ["learning_context"] = memory.Format() };
        }

        return contexts;
    }

    private PortfolioExposure Exposure(DateTimeOffset time) => new(
        _broker.Equity,
        _broker.Cash,
        _broker.PeakEquity,
        [.. _broker.Positions.Select(ToOpenPosition)])
    {
        RecentWinRate = WinRateEstimate.From(_tally.ClosedTrades, time, _maker.Limits),
    };

    private OpenPosition? OpenPosition() => _broker.PositionFor(_history.Symbol) is { } position ? ToOpenPosition(position) : null;

    private static OpenPosition ToOpenPosition(Position position) => new(
        position.Symbol,
        position.Side == PositionSide.Long ? TradeSide.Long : TradeSide.Short,
        position.Quantity,
        position.AverageEntryPrice,
        position.StopLoss);
}
