using System.Globalization;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Engine.Desks;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CryptoFunk.Host.Output;

/// <summary>
/// What the paper screen shows, updated from the trading loop (each close) and from the agents' telemetry (each agent
/// starting and answering, from any thread), and drawn on demand.
/// </summary>
internal sealed class PaperScreenState(string account, IReadOnlyList<MarketSymbol> symbols, Timeframe timeframe, IReadOnlyList<string> agents, TimeProvider time)
    : IProgress<PaperStep>
{
    private const int ReasonLength = 90;

    private readonly Lock _lock = new();
    private readonly Dictionary<(string Symbol, string Agent), string> _agents = [];
    private readonly Dictionary<MarketSymbol, DecisionSummary> _decisions = [];
    private PaperStep? _step;

    /// <summary>Takes in a close the loop finished (on the loop's thread, in order).</summary>
    public void Report(PaperStep step)
    {
        lock (_lock)
        {
            _step = step;
            foreach (var decision in step.Decisions)
            {
                _decisions[decision.Symbol] = decision;
            }
        }
    }

    /// <summary>An agent began working on a decision for <paramref name="symbol"/>.</summary>
    public void AgentStarted(string symbol, string agent)
    {
        lock (_lock)
        {
            _agents[(symbol, agent)] = "waiting";
        }
    }

    /// <summary>An agent finished: answered by a model, the cache or a recording, fell back to its rule, or failed and held.</summary>
    public void AgentFinished(string symbol, string agent, string? source, bool degraded, bool abstained)
    {
        var state = (source, abstained) switch
        {
            (_, true) => "failed (abstained)",
            ("hold", _) => "failed (hold)",
            ("rules", _) => degraded ? "fallback (rules)" : "answered (rules)",
            ("budget", _) => "fallback (budget)",
            (null, _) => "answered",
            _ => $"answered ({source})",
        };
        lock (_lock)
        {
            _agents[(symbol, agent)] = state;
        }
    }

    /// <summary>The screen as it is now.</summary>
    public IRenderable Render()
    {
        lock (_lock)
        {
            var rows = new List<IRenderable> { new Markup(Markup.Escape(Header())) };
            if (_step is { } step)
            {
                rows.Add(Positions(step));
            }

            rows.Add(Decisions());
            rows.Add(Agents());
            return new Rows(rows);
        }
    }

    private string Header()
    {
        var head = $"CryptoFunk paper · account {account} · {string.Join(",", symbols)} {timeframe}";
        if (_step is not { } step)
        {
            return head + " · waiting for the first close";
        }

        var next = step.Time + timeframe.Duration;
        var wait = next - time.GetUtcNow();
        var calls = step.ModelCalls;
        return head + "\n" + Invariant(
            $"close {UtcTimestamp.Format(step.Time)} · next close {UtcTimestamp.Format(next)}{(wait > TimeSpan.Zero ? $" (in {wait:hh\\:mm\\:ss})" : string.Empty)}\n") + Invariant(
            $"equity {step.Equity:N2} · cash {step.Cash:N2} · model spend today ${step.Budget?.SpentTodayUsd ?? 0m:0.0000}{Limit(step.Budget?.MaxUsdPerDay)}, account ${step.ModelCostUsd:0.0000} · {calls.Live} model calls, {calls.Cached} cache hits, {calls.Refused} refused by the budget");
    }

    private static string Limit(decimal? perDay) => perDay is { } limit ? Invariant($" of ${limit:0.00}") : string.Empty;

    private static Table Positions(PaperStep step)
    {
        var table = new Table().Title("open positions").AddColumns("symbol", "side", "quantity", "entry", "mark", "unrealised P&L");
        foreach (var p in step.Positions)
        {
            table.AddRow(
                p.Symbol.ToString(),
                p.Side.ToString().ToLowerInvariant(),
                Invariant($"{p.Quantity:0.########}"),
                Invariant($"{p.EntryPrice:N2}"),
                Invariant($"{p.MarkPrice:N2}"),
                Invariant($"{p.UnrealisedPnl:N2}"));
        }

        return table;
    }

    private Table Decisions()
    {
        var table = new Table().Title("latest decisions").AddColumns("symbol", "time", "action", "confidence", "source", "reason");
        foreach (var symbol in symbols)
        {
            if (_decisions.TryGetValue(symbol, out var d))
            {
                var reason = d.Reason.Split('\n')[0];
                table.AddRow(
                    symbol.ToString(),
                    UtcTimestamp.Format(d.DecisionTime),
                    d.Action.ToWire(),
                    Invariant($"{d.Confidence:0.00}"),
                    Markup.Escape(d.Sources),
                    Markup.Escape(reason.Length > ReasonLength ? reason[..ReasonLength] + "…" : reason));
            }
            else
            {
                table.AddRow(symbol.ToString(), "-", "-", "-", "-", "no decision yet");
            }
        }

        return table;
    }

    private Table Agents()
    {
        var table = new Table().Title("agents").AddColumn("agent");
        foreach (var symbol in symbols)
        {
            table.AddColumn(symbol.ToString());
        }

        foreach (var agent in agents)
        {
            table.AddRow([agent, .. symbols.Select(s => Markup.Escape(_agents.GetValueOrDefault((s.ToString(), agent), "idle")))]);
        }

        return table;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
