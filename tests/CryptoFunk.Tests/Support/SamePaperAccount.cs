using CryptoFunk.Storage;
using CryptoFunk.Trading;

namespace CryptoFunk.Tests.Support;

/// <summary>
/// Holds a paper account's journal, however it was traded (grains, silo processes, restarts), to the journal of the
/// same account traded once in one process: each (market, close) decided once, no order id twice, no order executed
/// twice, no intent left, and the same decisions, orders, fills, equity curve and positions.
/// </summary>
internal static class SamePaperAccount
{
    public static async Task AssertAsync(TradingStore expected, TradingStore actual, string runId)
    {
        var decisions = await actual.DecisionsAsync(runId, CancellationToken.None);
        var orders = await actual.OrdersAsync(runId, CancellationToken.None);
        var fills = await actual.FillsAsync(runId, CancellationToken.None);
        var equity = await actual.EquityAsync(runId, CancellationToken.None);
        var positions = await actual.PositionsAsync(runId, CancellationToken.None);
        var wholeDecisions = await expected.DecisionsAsync(runId, CancellationToken.None);
        var wholeOrders = await expected.OrdersAsync(runId, CancellationToken.None);
        var wholeFills = await expected.FillsAsync(runId, CancellationToken.None);
        var wholeEquity = await expected.EquityAsync(runId, CancellationToken.None);
        var wholePositions = await expected.PositionsAsync(runId, CancellationToken.None);
        TestContext.Out.WriteLine($"{equity.Count} closes, {decisions.Count} decisions, {orders.Count} orders, {fills.Count} fills; final equity {equity[^1].Equity}");
        Assert.Multiple(() =>
        {
            Assert.That(decisions.Select(d => (d.Symbol, d.DecisionTime)).Distinct().Count(), Is.EqualTo(decisions.Count), "no (market, close) decided twice");
            Assert.That(decisions, Has.Count.EqualTo(wholeDecisions.Count), "as many decisions as one process made");
            Assert.That(orders.Select(o => o.ClientOrderId).Distinct().Count(), Is.EqualTo(orders.Count), "no order id twice");
            Assert.That(fills.Where(f => f.Reason == FillReasons.Market).GroupBy(f => f.OrderId).Select(g => g.Count()), Has.All.EqualTo(1), "no order executed twice");
            Assert.That(orders.Where(o => o.Status == OrderStatuses.Intent), Is.Empty, "no intent left unresolved");
            Assert.That(orders, Is.Not.Empty, "the account traded, so the comparison means something");

            Assert.That(Lines(decisions.Select(d => $"{d.Symbol} {d.DecisionTime:O} {d.Action} {d.Quantity} {d.OrderId} {d.RefusalCodes} {d.Reason}")),
                Is.EqualTo(Lines(wholeDecisions.Select(d => $"{d.Symbol} {d.DecisionTime:O} {d.Action} {d.Quantity} {d.OrderId} {d.RefusalCodes} {d.Reason}"))), "the same decisions");
            Assert.That(Lines(orders.Select(o => $"{o.ClientOrderId} {o.Side} {o.Quantity} {o.StopLoss} {o.TakeProfit} {o.Status}")),
                Is.EqualTo(Lines(wholeOrders.Select(o => $"{o.ClientOrderId} {o.Side} {o.Quantity} {o.StopLoss} {o.TakeProfit} {o.Status}"))), "the same orders");
            Assert.That(fills.Count, Is.EqualTo(wholeFills.Count), "as many fills");
            Assert.That(fills.Zip(wholeFills).All(pair => pair.First.SameAs(pair.Second)), Is.True, "the same fills in the same order");
            Assert.That(Lines(equity.Select(e => $"{e.Time:O} {e.Cash} {e.Equity} {e.PeakEquity}")), Is.EqualTo(Lines(wholeEquity.Select(e => $"{e.Time:O} {e.Cash} {e.Equity} {e.PeakEquity}"))), "the same equity curve");
            Assert.That(Lines(positions.Select(p => $"{p.Symbol} {p.OpenedAt:O} {p.Quantity} {p.EntryPrice} {p.ClosedAt:O} {p.ExitPrice} {p.Pnl}")),
                Is.EqualTo(Lines(wholePositions.Select(p => $"{p.Symbol} {p.OpenedAt:O} {p.Quantity} {p.EntryPrice} {p.ClosedAt:O} {p.ExitPrice} {p.Pnl}"))), "the same positions");
        });
    }

    private static List<string> Lines(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];
}
