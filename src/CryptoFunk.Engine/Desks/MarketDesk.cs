using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Memory;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Markets;
using CryptoFunk.Plugins;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine.Desks;

/// <summary>
/// What one market of an account decides with: its history, the plugins its agents read (bound to the account as each
/// close found it), its decision memory, and the agents' invocation at each close. It turns a decision into the rows
/// and the order the account stores and executes; the account (the session) settles, confirms across markets, stores
/// and places. The same class runs beside the account in one process and inside a market's grain. Not thread-safe:
/// one close at a time.
/// </summary>
public sealed class MarketDesk
{
    private readonly string _runId;
    private readonly TradingDecisionMaker _maker;
    private readonly DecisionParticipants _participants;
    private readonly TimeProvider _time;
    private readonly AccountViewBroker _account = new();
    private readonly DecisionMemory _memory = new();
    private readonly LearningContexts _learningContexts = new();
    private readonly RecentPriceRows _recentPrices = new();
    private TradingPlugins _plugins;
    private int _learned;
    private (TradingDecision Decision, DecisionContext Context, IReadOnlyList<double> Features)? _last;

    /// <summary>Builds the desk of <paramref name="state"/>'s market, its memory learned from the state's events.</summary>
    public MarketDesk(MarketDeskState state, TradingDecisionMaker maker, DecisionParticipants participants, TimeProvider time)
    {
        _runId = state.RunId;
        _maker = maker;
        _participants = participants;
        _time = time;
        History = state.History;
        _plugins = new TradingPlugins(History, _account, new DecisionClock());
        Learn(0, state.Memory);
    }

    /// <summary>The market's candles as the desk last got them.</summary>
    public MarketHistory History { get; private set; }

    /// <summary>
    /// Decides at <paramref name="ask"/>'s close, in the market's <see cref="DecisionScope"/>, on the account as the
    /// close found it, and keeps the decision for <see cref="Confirm"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The ask's memory starts after what the desk has learned (events would be lost).</exception>
    public async Task<MarketVerdict> DecideAsync(MarketAsk ask, CancellationToken cancellationToken)
    {
        if (ask.History is { } history && !ReferenceEquals(history, History))
        {
            History = history;
            _plugins = new TradingPlugins(History, _account, new DecisionClock());
        }

        Learn(ask.MemoryFrom, ask.Memory);
        _last = null;
        _account.View = ask.Account;
        _plugins.Clock.Set(ask.CloseTime);
        var candles = History.SnapshotAt(ask.CloseTime, _maker.Options.RecentCandles);
        var snapshot = ask.Extras is null ? candles : candles with { OrderBook = ask.Extras.OrderBook, Sentiment = ask.Extras.Sentiment };
        var context = new DecisionContext(snapshot, ask.Portfolio, ask.Account.PositionFor(snapshot.Symbol)) { Rules = _account.RulesFor(snapshot.Symbol) };
        var features = DecisionInputs.Features(snapshot);
        var inputs = _participants.ReadPrompts
            ? DecisionInputs.For(context.Situation, recentPrices: _recentPrices) with
            {
                AgentArguments = LearningContexts(snapshot, features),
                AdditionalTools = _plugins.ReadOnlyTools,
            }
            : DecisionInputs.ForRules(context.Situation);
        TradingDecision decision;
        using (DecisionScope.Begin(new DecisionScope(_runId, snapshot.Symbol.ToString(), snapshot.DecisionTime)))
        {
            decision = await _maker.DecideAsync(_participants, context, inputs, cancellationToken);
        }

        _last = (decision, context, features);
        return Verdict(decision, context, features);
    }

    /// <summary>
    /// Checks the last decision again against <paramref name="portfolio"/>, the account with the orders earlier markets
    /// meant at this close: the limits may shrink or refuse an entry, never enlarge it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The desk has not decided since it was built.</exception>
    public MarketVerdict Confirm(PortfolioExposure portfolio)
    {
        var (decision, context, features) = _last ?? throw new InvalidOperationException($"the {History.Symbol} desk holds no decision to confirm");
        return Verdict(_maker.Confirm(decision, context with { Portfolio = portfolio }), context, features);
    }

    /// <summary>Learns the events from index <paramref name="from"/> on that the desk does not know yet.</summary>
    private void Learn(int from, IReadOnlyList<MemoryEvent> events)
    {
        if (from > _learned)
        {
            throw new InvalidOperationException($"the {History.Symbol} desk knows {_learned} memory events but was sent events from {from}");
        }

        for (var i = _learned - from; i < events.Count; i++)
        {
            if (events[i].Entry is { } entry)
            {
                _memory.Remember(entry);
            }

            if (events[i].Outcome is { } outcome)
            {
                _memory.RecordOutcome(outcome.OpeningOrderId, outcome.PnlPercent, outcome.KnownAt);
            }
        }

        _learned = Math.Max(_learned, from + events.Count);
    }

    /// <summary>The decision's rows and the order it means (not placed).</summary>
    private MarketVerdict Verdict(TradingDecision decided, DecisionContext context, IReadOnlyList<double> features)
    {
        // An entry trades what the journal can hold exactly, so a run rebuilt from it after a crash places the same order.
        var decision = decided.IsEntry ? decided with { Quantity = StoredPrecision.Truncate(decided.Quantity) } : decided;
        var time = decision.DecisionTime;
        var orderId = decision.Action switch
        {
            _ when decision.IsEntry => OrderIds.Entry(decision.Symbol, time),
            TradeAction.Close => OrderIds.Close(decision.Symbol, time),
            _ => null,
        };
        var record = DecisionRecords.From(_runId, decision, context.Snapshot, _participants, features, orderId, _time.GetUtcNow());
        var intent = orderId is null ? null
            : decision.IsEntry
                ? new OrderRequest(
                    orderId,
                    decision.Symbol,
                    decision.Action == TradeAction.Buy ? OrderSide.Buy : OrderSide.Sell,
                    OrderType.Market,
                    decision.Quantity,
                    null,
                    decision.Trade!.StopLoss is { } stop ? StoredPrecision.Truncate(stop) : null,
                    decision.Trade.TakeProfit is { } target ? StoredPrecision.Truncate(target) : null,
                    time)
                : OrderRequest.Close(
                    context.Position ?? throw new InvalidOperationException($"agents decided to close {decision.Symbol} at {UtcTimestamp.Format(time)} but no position is open"),
                    orderId,
                    time,
                    OrderIds.AgentsCloseReason);
        var summary = new DecisionSummary(
            decision.Symbol,
            time,
            decision.Action,
            decision.Quantity,
            decision.Consensus?.MajorityConfidence ?? 0d,
            string.Join("+", decision.Responses.Select(r => r.Source.Value).Distinct().Order(StringComparer.Ordinal)),
            decision.Reason);
        return new MarketVerdict(record, intent, summary, decision.Refusals.FirstOrDefault(r => r.Code == RefusalCodes.DrawdownHalt));
    }

    private Dictionary<string, IReadOnlyDictionary<string, object?>> LearningContexts(MarketSnapshot snapshot, IReadOnlyList<double> features)
    {
        var contexts = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var agent in _participants.Analysis.Members.Concat(_participants.Strategy.Members).Append(_participants.Risk))
        {
            var memory = _memory.Recall(agent.Name, snapshot.Symbol, snapshot.DecisionTime, features);
            contexts[agent.Name] = new Dictionary<string, object?> { ["learning_context"] = _learningContexts.Text(memory) };
        }

        return contexts;
    }
}
