using System.Collections.ObjectModel;
using CryptoFunk.Agents.Alerts;
using CryptoFunk.Agents.Memory;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Engine.Alerts;
using CryptoFunk.Engine.Desks;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine;

/// <summary>
/// One run of the trading loop over one account and one or more markets: what the account owns (cash, positions, open
/// orders, the broker, the hard limits across markets, settlement, the journal). At every close time each market whose
/// candle closed then first settles on the paper broker (fills, stops, outcomes written back to the decisions that
/// opened the trade), in the order the markets were given; then each of those markets' <see cref="MarketDesk"/>
/// decides in parallel (<see cref="IMarketDesks"/>: beside the account, or each in its own grain), each seeing only
/// what had closed by then and the same account state; then the decisions are executed one after
/// another in the markets' order, each entry checked again by the hard limits against the account as the earlier
/// ones left it (pending orders count as held). An approved order is stored as an intent before the broker gets it.
/// Rows are saved in batches; a batch holding an order intent is saved before the order is placed. Fills, closed
/// trades and the drawdown halt raise alerts (not while an account is rebuilt), and each market's decision runs in a
/// <see cref="DecisionScope"/>, so its model calls, spans and alerts name the run and market. Not thread-safe: one loop drives
/// one session.
/// </summary>
public sealed class TradingSession
{
    private readonly string _runId;
    private readonly List<Market> _markets;
    private readonly IBroker _broker;
    private readonly IMarketDesks _desks;
    private readonly TradingDecisionMaker _maker;
    private readonly TradingStore? _store;
    private readonly TimeProvider _time;
    private readonly int _batchSize;
    private readonly IAlertSink _alerts;
    private bool _haltAlerted;
    private TradingJournalBatch _batch = new();
    private Task _saving = Task.CompletedTask;
    private readonly List<EquityPoint> _curve = [];
    private readonly SessionTally _tally = new();
    private readonly Dictionary<string, OrderRequest> _orders = new(StringComparer.Ordinal);   // accepted, not yet filled
    private readonly Dictionary<string, OrderRequest> _placed = new(StringComparer.Ordinal);   // every order sent
    private readonly HashSet<(MarketSymbol Symbol, DateTimeOffset OpenedAt)> _openedPositions = [];
    private readonly HashSet<MarketSymbol> _decidedAtLastClose = [];
    private readonly Dictionary<MarketSymbol, List<MemoryEvent>> _memory = [];
    private readonly Dictionary<MarketSymbol, int> _memoryDelivered = [];
    private readonly HashSet<MarketSymbol> _extended = [];
    private DateTimeOffset? _lastClose;

    /// <summary>
    /// Creates a session over <paramref name="markets"/> (distinct symbols, one timeframe) on one account, its markets
    /// deciding in this process; they settle and execute in this order. With no <paramref name="store"/> nothing is
    /// persisted (the rules-only baseline), and with no <paramref name="alerts"/> nothing is reported.
    /// </summary>
    public TradingSession(
        string runId,
        IReadOnlyList<MarketHistory> markets,
        IBroker broker,
        TradingDecisionMaker maker,
        DecisionParticipants participants,
        TradingStore? store,
        TimeProvider time,
        int batchSize = 500,
        IAlertSink? alerts = null)
        : this(runId, markets, broker, maker, new LocalMarketDesks(maker, participants, time), store, time, batchSize, alerts)
    {
    }

    /// <summary>As the other constructor, the markets deciding at <paramref name="desks"/> (each in its own grain).</summary>
    public TradingSession(
        string runId,
        IReadOnlyList<MarketHistory> markets,
        IBroker broker,
        TradingDecisionMaker maker,
        IMarketDesks desks,
        TradingStore? store,
        TimeProvider time,
        int batchSize = 500,
        IAlertSink? alerts = null)
    {
        if (markets.Count == 0 || markets.Select(m => m.Symbol).Distinct().Count() != markets.Count || markets.Select(m => m.Timeframe).Distinct().Count() != 1)
        {
            throw new ArgumentException("a session needs at least one market, distinct symbols and one timeframe", nameof(markets));
        }

        _runId = runId;
        _broker = broker;
        _maker = maker;
        _desks = desks;
        _store = store;
        _time = time;
        _batchSize = batchSize;
        _alerts = alerts ?? NullAlertSink.Instance;
        _markets = [.. markets.Select(history => new Market(history))];
        foreach (var market in markets)
        {
            _memory[market.Symbol] = [];
            _memoryDelivered[market.Symbol] = 0;

            // A desk that outlived an earlier session of this account (a market grain) gets this session's history with its first ask.
            _extended.Add(market.Symbol);
        }
    }

    /// <summary>
    /// Whether each order waits until its intent is stored before the broker sees it (the default), so an account
    /// continued from its journal after a crash finds every order it placed. A backtest is never continued (a failed
    /// one is run again), so it turns this off: its rows are handed to the store at each entry as before and reach it
    /// in order, while it goes on deciding.
    /// </summary>
    public bool StoresIntentsBeforePlacing { get; init; } = true;

    /// <summary>The markets traded, in settlement and execution order.</summary>
    public IReadOnlyList<MarketSymbol> Symbols => [.. _markets.Select(m => m.History.Symbol)];

    /// <summary>The markets' histories as the session last saw them (extended by live data), in the markets' order.</summary>
    public IReadOnlyList<MarketHistory> Histories => [.. _markets.Select(m => m.History)];

    /// <summary>Equity at the start and at every close time so far, flagged when a position was held.</summary>
    public IReadOnlyList<EquityPoint> EquityCurve => _curve;

    /// <summary>Counts of decisions, sources, tokens and cost so far.</summary>
    public SessionTally Tally => _tally;

    /// <summary>The account: cash, positions, equity.</summary>
    public IBroker Broker => _broker;

    /// <summary>Records the starting equity at <paramref name="time"/>, before the first candle.</summary>
    public void Begin(DateTimeOffset time) => _curve.Add(new EquityPoint(time, _broker.Cash, InMarket: false));

    /// <summary>
    /// Gives the session a longer history of a market it trades (live data: candles closed since), so plugins and
    /// snapshots see them.
    /// </summary>
    public void Extend(MarketHistory history)
    {
        var index = _markets.FindIndex(m => m.History.Symbol == history.Symbol);
        if (index < 0 || history.Timeframe != _markets[index].History.Timeframe)
        {
            throw new ArgumentException($"{history.Symbol} {history.Timeframe} is not a market of this session", nameof(history));
        }

        _markets[index] = new Market(history);
        _extended.Add(history.Symbol);
    }

    /// <summary>
    /// Settles candle <paramref name="index"/> of the only market and, when <paramref name="decide"/>, decides at its
    /// close and executes. Returns the decision, or null when none was asked for.
    /// </summary>
    public async Task<DecisionSummary?> StepAsync(int index, bool decide, CancellationToken cancellationToken)
    {
        var history = _markets[0].History;
        var candle = history.Candles[index];
        var decisions = await StepAsync(candle.OpenTime + history.Timeframe.Duration, decide, cancellationToken);
        return decisions.Count == 0 ? null : decisions[0];
    }

    /// <summary>
    /// Settles every market whose candle closed at <paramref name="closeTime"/> and, when <paramref name="decide"/>,
    /// decides for those markets at that time and executes, in the markets' order. Returns the decisions made.
    /// </summary>
    public Task<IReadOnlyList<DecisionSummary>> StepAsync(DateTimeOffset closeTime, bool decide, CancellationToken cancellationToken) =>
        StepAsync(closeTime, decide, ReadOnlyDictionary<MarketSymbol, MarketExtras>.Empty, cancellationToken);

    /// <summary>
    /// As <see cref="StepAsync(DateTimeOffset, bool, CancellationToken)"/>, each market's decision also seeing what
    /// <paramref name="extras"/> holds for it (live order book and futures sentiment).
    /// </summary>
    public async Task<IReadOnlyList<DecisionSummary>> StepAsync(
        DateTimeOffset closeTime, bool decide, IReadOnlyDictionary<MarketSymbol, MarketExtras> extras, CancellationToken cancellationToken)
    {
        // A close is settled once; at the last one settled (a step a crash cut short) only undecided markets decide.
        if (closeTime < _lastClose)
        {
            return [];
        }

        // While the database is down the run waits here for what it decided before to be stored, so a crash during an
        // outage loses no more than the close in progress.
        if (_store is { IsDatabaseUnreachable: true })
        {
            await _saving;
        }

        var resumed = closeTime == _lastClose;
        var closing = _markets.Where(m => m.CandleClosingAt(closeTime) is not null).ToList();
        if (!resumed)
        {
            foreach (var market in closing)
            {
                var outcome = Settle(market.History.Symbol, market.CandleClosingAt(closeTime)!.Value, closeTime);
                if (_alerts.IsEnabled)
                {
                    RaiseTrades(outcome);
                }
            }

            if (closing.Count > 0)
            {
                RecordEquity(closeTime);
            }

            _lastClose = closeTime;
            _decidedAtLastClose.Clear();
        }

        closing.RemoveAll(m => _decidedAtLastClose.Contains(m.History.Symbol));
        if (!decide || closing.Count == 0)
        {
            return [];
        }

        // Every closing market decides in parallel on the account as the close found it.
        var account = AccountView.Of(_broker, _markets.Select(m => m.History.Symbol));
        var exposure = Exposure(closeTime, withOrdersPlacedAtTime: false);
        var asks = closing.Select(market => Ask(market, closeTime, account, exposure, extras.GetValueOrDefault(market.History.Symbol))).ToList();
        var verdicts = await Task.WhenAll(asks.Select(ask => _desks.DecideAsync(ask, () => DeskState(ask.Symbol), cancellationToken)));
        foreach (var ask in asks)
        {
            _memoryDelivered[ask.Symbol] = ask.MemoryFrom + ask.Memory.Count;
            _extended.Remove(ask.Symbol);
        }

        var executed = new List<DecisionSummary>(verdicts.Length);
        var intents = new List<OrderRequest>();
        for (var i = 0; i < verdicts.Length; i++)
        {
            // Markets decided in parallel saw the account as the close found it; once an order was meant at this close,
            // the limits are checked again against the account it would leave.
            var verdict = intents.Count > 0 || _placed.Values.Any(o => o.DecisionTime == closeTime)
                ? await _desks.ConfirmAsync(asks[i].Symbol, Exposure(closeTime, withOrdersPlacedAtTime: true, intents), cancellationToken)
                : verdicts[i];
            if (Record(verdict) is { } intent)
            {
                intents.Add(intent);
            }

            _decidedAtLastClose.Add(asks[i].Symbol);
            executed.Add(verdict.Summary);
            if (!_haltAlerted && _alerts.IsEnabled && verdict.Halt is { } halt)
            {
                // Once per halt: it refuses every entry until equity recovers, which would repeat it at every close.
                _haltAlerted = true;
                _alerts.Raise(SessionAlerts.Halt(_runId, asks[i].Symbol.ToString(), closeTime, halt));
            }
        }

        if (intents.Count > 0)
        {
            // The intents are durable before the broker sees any of them, so a crash cannot leave an order nobody
            // recorded; one write for all of a close's orders, then each is placed in the markets' order. A backtest
            // does not wait: its intents are handed to the store and the loop goes on.
            await SaveAsync(wait: StoresIntentsBeforePlacing, cancellationToken);
            foreach (var intent in intents)
            {
                var result = Place(intent);
                _batch.OrderUpdates.Add(new OrderStatusChange(
                    _runId, intent.ClientOrderId, result.Accepted ? OrderStatuses.Accepted : OrderStatuses.Rejected, result.RejectionReason, _time.GetUtcNow()));
            }
        }

        if (_batch.Decisions.Count >= _batchSize)
        {
            await SaveAsync(wait: false, cancellationToken);
        }

        return executed;
    }

    /// <summary>
    /// Rebuilds the account from what an earlier process of this run stored, before it continues: every stored close
    /// is settled again and every stored order placed again at its decision time, so cash, positions, open orders,
    /// closed trades and the equity curve come from the broker's own rules. Stored intents the broker never saw are
    /// placed here, once. The rebuilt fills and equity must equal the stored ones, or nothing continues.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stored journal does not match its rebuild; the message says where.</exception>
    public void Restore(StoredJournal journal)
    {
        if (journal.Equity.Count == 0)
        {
            return;
        }

        var orders = journal.Orders.ToLookup(o => o.DecisionTime);
        var placedIntents = new List<OrderStatusChange>();
        var answers = journal.EntryAnswers.ToLookup(a => a.DecisionTime);
        foreach (var snapshot in journal.Equity)
        {
            var time = snapshot.Time;
            foreach (var market in _markets)
            {
                if (market.CandleClosingAt(time) is { } candle)
                {
                    Settle(market.History.Symbol, candle, time);
                }
            }

            RecordEquity(time);
            if (!StoredPrecision.Equal(_broker.Equity, snapshot.Equity) || !StoredPrecision.Equal(_broker.Cash, snapshot.Cash))
            {
                throw new InvalidOperationException(
                    $"run {_runId} cannot continue: at {UtcTimestamp.Format(time)} its stored equity {snapshot.Equity} and cash {snapshot.Cash} differ from the rebuilt {_broker.Equity} and {_broker.Cash}");
            }

            foreach (var answer in answers[time])
            {
                var symbol = MarketSymbol.Parse(answer.Symbol);
                _memory[symbol].Add(new MemoryEvent(
                    new MemoryEntry(answer.AgentName, symbol, time, answer.Action, answer.Confidence, answer.Reasoning, answer.EntryPrice, answer.Features, answer.OrderId),
                    null));
            }

            foreach (var order in orders[time].OrderBy(o => _markets.FindIndex(m => m.History.Symbol.ToString() == o.Symbol)))
            {
                var request = order.ToRequest();
                var result = Place(OrderIds.IsClose(order.ClientOrderId) ? request with { CloseReason = OrderIds.AgentsCloseReason } : request);
                if (order.Status == OrderStatuses.Intent)
                {
                    placedIntents.Add(new OrderStatusChange(
                        _runId, order.ClientOrderId, result.Accepted ? OrderStatuses.Accepted : OrderStatuses.Rejected, result.RejectionReason, _time.GetUtcNow()));
                }
            }
        }

        // The rows the rebuild produced are the stored ones, but for the intents the broker saw only now.
        _batch = new TradingJournalBatch();
        _batch.OrderUpdates.AddRange(placedIntents);
        var rebuilt = _broker.Fills;
        var stored = journal.Fills;
        for (var i = 0; i < Math.Max(rebuilt.Count, stored.Count); i++)
        {
            if (i >= rebuilt.Count || i >= stored.Count || !FillRecord.From(_runId, rebuilt[i]).SameAs(stored[i]))
            {
                throw new InvalidOperationException(
                    $"run {_runId} cannot continue: its stored fills differ from the rebuilt ones at fill {i + 1} of {stored.Count} stored, {rebuilt.Count} rebuilt");
            }
        }

        _tally.Restore(journal.Counts);
        _lastClose = journal.Equity[^1].Time;
        _decidedAtLastClose.UnionWith(journal.DecidedAtLastClose.Select(MarketSymbol.Parse));
    }

    /// <summary>Saves everything not saved yet and waits until it is stored.</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => SaveAsync(wait: true, cancellationToken);

    /// <summary>Reports the entries that filled and the trades that closed in <paramref name="outcome"/>.</summary>
    private void RaiseTrades(CandleOutcome outcome)
    {
        foreach (var fill in outcome.Fills.Where(f => OrderIds.IsEntry(f.OrderId) && f.Reason is FillReasons.Market or FillReasons.Limit))
        {
            _alerts.Raise(SessionAlerts.Entry(_runId, fill, _placed.GetValueOrDefault(fill.OrderId)));
        }

        foreach (var trade in outcome.ClosedTrades)
        {
            _alerts.Raise(SessionAlerts.Exit(_runId, trade));
        }
    }

    /// <summary>What <paramref name="market"/>'s desk is asked at the close: the account, and what it did not hear yet.</summary>
    private MarketAsk Ask(Market market, DateTimeOffset closeTime, AccountView account, PortfolioExposure exposure, MarketExtras? extras)
    {
        var symbol = market.History.Symbol;
        var from = _memoryDelivered[symbol];
        return new MarketAsk(
            symbol, closeTime, account, exposure, extras, from, _memory[symbol][from..], _extended.Contains(symbol) ? market.History : null);
    }

    /// <summary>What a desk of <paramref name="symbol"/> is built from: the market's history and everything its memory learned.</summary>
    private MarketDeskState DeskState(MarketSymbol symbol) =>
        new(_runId, _markets.Single(m => m.History.Symbol == symbol).History, [.. _memory[symbol]]);

    /// <summary>
    /// Hands the pending rows to the store. Saves run one after another, in order, while the loop goes on deciding;
    /// rows that arrive while one runs wait and go together in the next, so the store keeps up however fast the loop
    /// is. With <paramref name="wait"/> this returns only once everything is stored (before an order is placed). A
    /// failed save fails every later one, so nothing is stored out of order.
    /// </summary>
    private async Task SaveAsync(bool wait, CancellationToken cancellationToken)
    {
        if (_store is null)
        {
            _batch.Clear();
            return;
        }

        if (!_batch.IsEmpty && (wait || _saving.IsCompleted))
        {
            var batch = _batch;
            _batch = new TradingJournalBatch();
            var previous = _saving;

            // A save waited for runs on this thread (SQLite's client works synchronously), one left behind on the pool.
            _saving = wait
                ? SaveAfterAsync(previous, batch, cancellationToken)
                : Task.Run(() => SaveAfterAsync(previous, batch, cancellationToken), cancellationToken);
        }

        if (wait)
        {
            await _saving;
        }
    }

    private async Task SaveAfterAsync(Task previous, TradingJournalBatch batch, CancellationToken cancellationToken)
    {
        await previous;
        await _store!.SaveAsync(batch, cancellationToken);
    }

    private CandleOutcome Settle(MarketSymbol symbol, Candle candle, DateTimeOffset closeTime)
    {
        var outcome = _broker.OnCandle(symbol, candle);
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
                _memory[trade.Symbol].Add(new MemoryEvent(null, new TradeResult(orderId, trade.ProfitAndLossPercent, closeTime)));
            }
        }

        if (_broker.PositionFor(symbol) is { } open)
        {
            RecordOpened(open);
        }

        return outcome;
    }

    private void RecordEquity(DateTimeOffset closeTime)
    {
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
        _curve.Add(new EquityPoint(closeTime, equity, _broker.Positions.Count > 0));
        _haltAlerted &= _broker.Drawdown >= _maker.Limits.HaltDrawdownFraction;
    }

    private void RecordOpened(Position position)
    {
        if (!_openedPositions.Add((position.Symbol, position.OpenedAt)))
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

    /// <summary>Adds the decision's rows to the journal and returns the order it means, not placed yet; null when none.</summary>
    private OrderRequest? Record(MarketVerdict verdict)
    {
        var record = verdict.Record;
        _batch.Decisions.Add(record);
        _tally.Count(record);
        if (verdict.Intent is not { } request)
        {
            return null;
        }

        if (OrderIds.IsEntry(request.ClientOrderId))
        {
            // Only decisions that trade can learn an outcome, so only they are remembered, read from the stored rows.
            var symbol = request.Symbol;
            foreach (var agent in record.Agents.Where(a => a.AbstainReason is null))
            {
                _memory[symbol].Add(new MemoryEvent(
                    new MemoryEntry(agent.AgentName, symbol, record.DecisionTime, agent.Action, agent.Confidence, agent.Reasoning, record.EntryPrice, record.Features!, record.OrderId),
                    null));
            }
        }

        _batch.Orders.Add(OrderRecord.From(_runId, request, _time.GetUtcNow()));
        return request;
    }

    /// <summary>Hands <paramref name="request"/> to the broker: entries and closes alike, exactly as stored.</summary>
    private OrderResult Place(OrderRequest request)
    {
        var result = _broker.Submit(request);
        _placed[request.ClientOrderId] = request;
        if (result.Accepted)
        {
            _orders[request.ClientOrderId] = request;
        }

        return result;
    }

    /// <summary>
    /// The account as the limits measure it: positions held, and entry orders accepted but not filled yet (those placed
    /// before <paramref name="time"/>, and those placed at it too when <paramref name="withOrdersPlacedAtTime"/>) and
    /// this close's <paramref name="intents"/> not placed yet, as if held at the last close (their cash is not spent
    /// yet, so it is set aside here), so two markets deciding at the same close cannot both spend the same risk budget.
    /// </summary>
    private PortfolioExposure Exposure(DateTimeOffset time, bool withOrdersPlacedAtTime, IReadOnlyList<OrderRequest>? intents = null)
    {
        var pending = _orders.Values
            .Where(o => withOrdersPlacedAtTime || o.DecisionTime < time)
            .Concat(intents ?? [])
            .Where(o => OrderIds.IsEntry(o.ClientOrderId))
            .Select(Pending)
            .ToList();
        return new PortfolioExposure(
            _broker.Equity,
            _broker.Cash - pending.Sum(p => p.Quantity * p.AverageEntryPrice),
            _broker.PeakEquity,
            [.. _broker.Positions, .. pending])
        {
            RecentWinRate = WinRateEstimate.From(_tally.ClosedTrades, time, _maker.Limits),
        };
    }

    /// <summary>An entry meant or accepted and not filled yet, as the limits count it: held at the last close, with its stop.</summary>
    private Position Pending(OrderRequest order) => new(
        order.Symbol,
        order.Side.OpensSide(),
        order.Quantity,
        _broker.LastCandle(order.Symbol)?.Close ?? 0m,
        order.StopLoss,
        order.TakeProfit,
        order.DecisionTime,
        [order.ClientOrderId],
        0m);

    /// <summary>One market of the session as the account settles it: its candles.</summary>
    private sealed class Market(MarketHistory history)
    {
        public MarketHistory History { get; } = history;

        /// <summary>The candle that closed exactly at <paramref name="closeTime"/>, or null when none did.</summary>
        public Candle? CandleClosingAt(DateTimeOffset closeTime)
        {
            var index = History.LastClosedIndex(closeTime);
            return index >= 0 && History.Candles[index].OpenTime + History.Timeframe.Duration == closeTime ? History.Candles[index] : null;
        }
    }
}
