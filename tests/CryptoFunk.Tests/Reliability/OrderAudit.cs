using System.Globalization;
using System.Text.Json;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Storage;
using CryptoFunk.Trading;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Every order a run stored, checked against <see cref="HardLimits"/> by arithmetic of its own, from the stored rows
/// alone: the decision that placed it (the chosen proposal as its agent wrote it, the last close its agents saw), the
/// equity and cash at that close, the positions open then and the entries other markets meant at the same close. It
/// shares no code with the risk gate, so a limit the gate stopped enforcing shows up here. An entry must respect
/// the risk per trade, the portfolio risk, the position size, the cash (no leverage), the open positions, the
/// drawdown halt, a stop on the losing side within the stop distance, an entry near the market, fractional Kelly and
/// the exchange's order rules; a close must close exactly the open position.
/// </summary>
internal sealed class OrderAudit
{
    private const string EntryPrefix = "entry:";
    private const string ClosePrefix = "close:";

    /// <summary>Slack for the store's ten decimal places and for Kelly's double exponent, far below any real breach.</summary>
    private const decimal Slack = 0.000000001m;

    private readonly HardLimits _limits;
    private readonly IReadOnlyList<string> _symbols;
    private readonly IReadOnlyList<TradingDecisionRecord> _decisions;
    private readonly IReadOnlyList<OrderRecord> _orders;
    private readonly IReadOnlyList<PositionRecord> _positions;
    private readonly Dictionary<DateTimeOffset, EquitySnapshotRecord> _equity;
    private readonly List<string> _violations = [];

    private OrderAudit(HardLimits limits, IReadOnlyList<string> symbols, IReadOnlyList<TradingDecisionRecord> decisions, IReadOnlyList<OrderRecord> orders, IReadOnlyList<PositionRecord> positions, IReadOnlyList<EquitySnapshotRecord> equity)
    {
        _limits = limits;
        _symbols = symbols;
        _decisions = decisions;
        _orders = orders;
        _positions = positions;
        _equity = equity.ToDictionary(e => e.Time);
    }

    /// <summary>Entries checked.</summary>
    public int Entries { get; private set; }

    /// <summary>Closes checked.</summary>
    public int Closes { get; private set; }

    /// <summary>Decisions whose every agent row names a known source.</summary>
    public int DecisionsWithKnownSources { get; private set; }

    /// <summary>Every breach found, one line each; empty when every order kept every limit.</summary>
    public IReadOnlyList<string> Violations => _violations;

    /// <summary>Reads run <paramref name="runId"/> from <paramref name="store"/> and checks it; <paramref name="symbols"/> in execution order.</summary>
    public static async Task<OrderAudit> CheckAsync(TradingStore store, string runId, HardLimits limits, IReadOnlyList<string> symbols, string providerId)
    {
        var audit = new OrderAudit(
            limits,
            symbols,
            await store.DecisionsAsync(runId, CancellationToken.None),
            await store.OrdersAsync(runId, CancellationToken.None),
            await store.PositionsAsync(runId, CancellationToken.None),
            await store.EquityAsync(runId, CancellationToken.None));
        audit.CheckSources(providerId);
        foreach (var order in audit._orders)
        {
            audit.Check(order);
        }

        return audit;
    }

    private void CheckSources(string providerId)
    {
        foreach (var decision in _decisions)
        {
            var unknown = decision.Agents.Where(a => !IsKnown(a.Source, providerId)).Select(a => $"{a.AgentName}: {a.Source}").ToList();
            if (decision.Agents.Count == 0 || unknown.Count > 0)
            {
                _violations.Add($"{Name(decision)}: no known source for every agent ({(unknown.Count == 0 ? "no agent rows" : string.Join(", ", unknown))})");
            }
            else
            {
                DecisionsWithKnownSources++;
            }
        }
    }

    private static bool IsKnown(string source, string providerId)
    {
        try
        {
            var parsed = ResponseSource.Parse(source);
            return !parsed.IsLlm || parsed.Value == $"llm:{providerId}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private void Check(OrderRecord order)
    {
        var decision = _decisions.SingleOrDefault(d => d.OrderId == order.ClientOrderId);
        if (decision is null || decision.DecisionTime != order.DecisionTime || decision.Symbol != order.Symbol)
        {
            _violations.Add($"order {order.ClientOrderId}: no stored decision placed it");
            return;
        }

        if (order.ClientOrderId.StartsWith(ClosePrefix, StringComparison.Ordinal))
        {
            CheckClose(order, decision);
        }
        else if (order.ClientOrderId.StartsWith(EntryPrefix, StringComparison.Ordinal))
        {
            CheckEntry(order, decision);
        }
        else
        {
            _violations.Add($"order {order.ClientOrderId}: neither an entry nor a close");
        }
    }

    private void CheckClose(OrderRecord order, TradingDecisionRecord decision)
    {
        Closes++;
        var held = OpenAt(order.Symbol, order.DecisionTime).ToList();
        if (decision.Action != "CLOSE" || held.Count != 1 || order.Quantity != held[0].Quantity || order.Side != held[0].Side.ClosingSide())
        {
            _violations.Add($"{Name(decision)}: close {order.Side} {order.Quantity} does not close exactly the open position ({string.Join(", ", held.Select(p => $"{p.Side} {p.Quantity}"))})");
        }
    }

    private void CheckEntry(OrderRecord order, TradingDecisionRecord decision)
    {
        Entries++;
        var time = order.DecisionTime;
        var breaches = new List<string>();
        void Require(bool kept, string breach)
        {
            if (!kept)
            {
                breaches.Add(breach);
            }
        }

        var market = LastClose(decision);
        var proposal = Proposal(decision);
        Require(decision.Action == "BUY" && order.Side == OrderSide.Buy, $"an entry {decision.Action}/{order.Side}: shorts are off, so only a long may open");
        Require(decision.Quantity == order.Quantity, $"the order's quantity {order.Quantity} is not the decision's {decision.Quantity}");
        Require(proposal.EntryText is null || proposal.Entry is not null, $"the proposed entry {proposal.EntryText} is no price");
        Require(proposal.Stop is not null && order.StopLoss is not null, "no stop loss");
        if (!_equity.TryGetValue(time, out var account) || proposal.Stop is null || order.StopLoss is not { } stop)
        {
            _violations.Add($"{Name(decision)}: {string.Join("; ", breaches.Append("no equity stored at the decision's close"))}");
            return;
        }

        var entry = proposal.Entry ?? market;
        var quantity = order.Quantity;
        var equity = account.Equity;
        var risk = entry - stop;
        var pending = EntriesMeantEarlierAt(time, order.Symbol).ToList();
        var open = OpenAt(null, time).ToList();
        var openRisk = open.Sum(p => p.StopLoss is { } s ? Math.Max(0m, p.Quantity * (p.EntryPrice - s)) : p.Quantity * p.EntryPrice)
                       + pending.Sum(p => p.Quantity * Math.Max(0m, p.Market - (p.Stop ?? 0m)));
        var cash = account.Cash - pending.Sum(p => p.Quantity * p.Market);
        var exposure = open.Sum(p => p.Quantity * Close(p.Symbol, time)) + pending.Sum(p => p.Quantity * p.Market);
        var rules = HardLimits.ExchangeRules[order.Symbol];

        Require(Math.Abs(proposal.EntryNumber - (double)market) / (double)market <= (double)_limits.MaxEntryDeviation * (1 + (double)Slack), $"entry {proposal.EntryNumber} is more than {_limits.MaxEntryDeviation:P} from the market {market}");
        Require(Math.Abs(stop - proposal.Stop.Value) <= Slack, $"the order's stop {stop} is not the proposal's {proposal.Stop}");
        Require(risk > 0m, $"the long's stop {stop} is not below the entry {entry}");
        Require(risk <= (_limits.MaxStopDistance + Slack) * entry, $"the stop {stop} is {risk / entry:P4} from the entry {entry}, more than {_limits.MaxStopDistance:P}");
        Require(proposal.Target is not { } t || t > entry, $"the long's take profit {proposal.Target} is not above the entry {entry}");
        Require(quantity * risk <= (_limits.MaxRiskPerTrade + Slack) * equity, $"risk to stop {quantity * risk:F4} is more than {_limits.MaxRiskPerTrade:P} of equity {equity:F2}");
        Require(openRisk + (quantity * risk) <= (_limits.MaxPortfolioRisk + Slack) * equity, $"portfolio risk {openRisk + (quantity * risk):F4} is more than {_limits.MaxPortfolioRisk:P} of equity {equity:F2}");
        Require(quantity * entry <= (_limits.MaxPosition + Slack) * equity, $"notional {quantity * entry:F4} is more than {_limits.MaxPosition:P} of equity {equity:F2}");
        Require(quantity * entry <= cash + (Slack * equity), $"notional {quantity * entry:F4} is more than the cash {cash:F4} left at this close");
        Require(exposure + (quantity * entry) <= equity * (1 + Slack), $"positions worth {exposure + (quantity * entry):F4} exceed equity {equity:F2}: leverage");
        Require(open.Count + pending.Count < _limits.MaxOpenPositions, $"{open.Count + pending.Count} positions held or meant already; at most {_limits.MaxOpenPositions}");
        Require(account.PeakEquity - equity < _limits.HaltDrawdown * account.PeakEquity, $"equity {equity:F2} is {(account.PeakEquity - equity) / account.PeakEquity:P} below its peak: trading is halted");
        Require(quantity % rules.Step == 0m && quantity >= rules.MinQuantity && quantity * market >= rules.MinNotional, $"quantity {quantity} breaks {order.Symbol}'s order rules {rules}");
        if (proposal.Target is { } target && risk > 0m)
        {
            var win = WinProbability(time);
            var stake = win - ((1m - win) / ((target - entry) / risk));
            Require(stake > 0m, $"no edge: Kelly stake {stake} with win probability {win}");
            Require(quantity <= equity * _limits.KellyFraction * stake / risk * (1 + Slack), $"quantity {quantity} is more than fractional Kelly allows ({equity * _limits.KellyFraction * stake / risk})");
        }

        if (breaches.Count > 0)
        {
            _violations.Add($"{Name(decision)}: {string.Join("; ", breaches)}");
        }
    }

    /// <summary>Positions open at a decision at <paramref name="time"/>: filled before it, not closed before it.</summary>
    private IEnumerable<PositionRecord> OpenAt(string? symbol, DateTimeOffset time) =>
        _positions.Where(p => (symbol is null || p.Symbol == symbol) && p.OpenedAt < time && (p.ClosedAt is null || p.ClosedAt >= time));

    /// <summary>Entries decided at the same close by markets that execute earlier, with the last close each was meant at.</summary>
    private IEnumerable<(decimal Quantity, decimal Market, decimal? Stop)> EntriesMeantEarlierAt(DateTimeOffset time, string symbol) =>
        _orders
            .Where(o => o.DecisionTime == time && o.ClientOrderId.StartsWith(EntryPrefix, StringComparison.Ordinal) && Order(o.Symbol) < Order(symbol))
            .Select(o => (o.Quantity, Close(o.Symbol, time), o.StopLoss));

    /// <summary>Kelly's win probability at <paramref name="time"/>: closed trades' wins, fading by age, shrunk toward the prior.</summary>
    private decimal WinProbability(DateTimeOffset time)
    {
        var wins = 0m;
        var count = 0m;
        foreach (var closed in _positions.Where(p => p.ClosedAt < time && p.Pnl is not null))
        {
            var weight = (decimal)Math.Pow(0.5, (time - closed.ClosedAt!.Value) / _limits.WinRateHalfLife);
            count += weight;
            wins += closed.Pnl > 0m ? weight : 0m;
        }

        return (wins + (_limits.PriorWinProbability * _limits.PriorStrength)) / (count + _limits.PriorStrength);
    }

    private int Order(string symbol) => _symbols.ToList().IndexOf(symbol);

    private decimal Close(string symbol, DateTimeOffset time) => LastClose(_decisions.Single(d => d.Symbol == symbol && d.DecisionTime == time));

    private static decimal LastClose(TradingDecisionRecord decision)
    {
        using var candle = JsonDocument.Parse(decision.MarketDataJson!);
        return candle.RootElement.GetProperty("close").GetDecimal();
    }

    /// <summary>The chosen proposal's prices as its agent wrote them (the fields stored beside the agent's row).</summary>
    private static ProposedPrices Proposal(TradingDecisionRecord decision)
    {
        var row = decision.Agents.Single(a => a.AgentName == decision.ProposingAgent);
        using var output = JsonDocument.Parse(row.OutputJson ?? "{}");
        var fields = output.RootElement;
        string? Raw(string name) => fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;
        decimal? Exact(string? text) => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
        var entry = Raw("entry_price");
        return new ProposedPrices(
            entry,
            Exact(entry),
            entry is null ? (double)LastClose(decision) : double.Parse(entry, CultureInfo.InvariantCulture),
            Exact(Raw("stop_loss")),
            Exact(Raw("take_profit")));
    }

    private static string Name(TradingDecisionRecord decision) =>
        string.Create(CultureInfo.InvariantCulture, $"{decision.Symbol} {decision.DecisionTime:yyyy-MM-ddTHH:mm}Z {decision.Action} {decision.Quantity}");

    /// <summary>A proposal's prices: the entry as written (null: at market), exactly when a decimal holds it, and as a number.</summary>
    private sealed record ProposedPrices(string? EntryText, decimal? Entry, double EntryNumber, decimal? Stop, decimal? Target);
}
