using CryptoFunk.Agents.Alerts;
using CryptoFunk.Engine.Alerts;

namespace CryptoFunk.Tests.Alerts;

/// <summary>The rate limit and the coalescing of identical alerts, on explicit times.</summary>
public sealed class AlertThrottleTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Alert Fallback(string agent = "technical_analysis") =>
        new(AlertKinds.Fallback, AlertSeverity.Warning, $"agent {agent} answered from its rules: no model answered") { Symbol = "BTC/USDT" };

    [Test]
    public void Identical_alerts_within_the_window_go_out_once_more_as_one_with_their_count()
    {
        var throttle = new AlertThrottle(maxPerMinute: 20, coalesceWindow: TimeSpan.FromMinutes(1));

        var posted = Enumerable.Range(0, 10).Select(i => throttle.Admit(Fallback(), Start.AddSeconds(i))).ToList();
        var other = throttle.Admit(Fallback("sentiment"), Start.AddSeconds(10));
        var nextDue = throttle.NextDue;
        var early = throttle.Due(Start.AddSeconds(59));
        var due = throttle.Due(Start.AddMinutes(1));
        var after = throttle.Admit(Fallback(), Start.AddMinutes(1).AddSeconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(posted[0], Is.Not.Null, "the first goes out at once");
            Assert.That(posted.Skip(1), Is.All.Null, "the next nine are held");
            Assert.That(other, Is.Not.Null, "another agent's fallback is not the same alert");
            Assert.That(nextDue, Is.EqualTo(Start.AddMinutes(1)), "the window holding alerts ends a minute after the first");
            Assert.That(early, Is.Empty);
            Assert.That(due.Select(a => (a.Kind, a.Count, a.Message)), Is.EqualTo(new[] { (AlertKinds.Fallback, 9, Fallback().Message) }));
            Assert.That(after, Is.Not.Null, "a new window starts after the old one ended");
        });
    }

    [Test]
    public void Over_the_limit_alerts_are_dropped_counted_and_the_next_one_says_how_many_were_urgent()
    {
        var throttle = new AlertThrottle(maxPerMinute: 3, coalesceWindow: TimeSpan.Zero);
        Alert Trade(int i) => new(AlertKinds.TradeEntry, AlertSeverity.Info, $"bought {i}");
        var down = new Alert(AlertKinds.ProvidersDown, AlertSeverity.Urgent, "every model provider is down");

        var first = Enumerable.Range(0, 3).Select(i => throttle.Admit(Trade(i), Start.AddSeconds(i))).ToList();
        var dropped = throttle.Admit(Trade(3), Start.AddSeconds(4));
        var droppedUrgent = throttle.Admit(down, Start.AddSeconds(5));
        var next = throttle.Admit(Trade(4), Start.AddSeconds(61));

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.All.Not.Null);
            Assert.That(dropped, Is.Null);
            Assert.That(droppedUrgent, Is.Null, "the limit holds for urgent alerts too, which are then counted");
            Assert.That(next!.Message, Is.EqualTo("bought 4 [2 earlier alerts dropped (rate limit or full queue), 1 of them urgent]"));
            Assert.That(throttle.Drain(Start.AddSeconds(62)), Is.Empty, "the drop was reported once");
        });
    }

    [Test]
    public void At_the_end_of_a_run_what_is_held_and_drops_not_reported_yet_go_out_past_the_limit()
    {
        var throttle = new AlertThrottle(maxPerMinute: 1, coalesceWindow: TimeSpan.FromMinutes(1));
        throttle.Admit(Fallback(), Start);
        throttle.Admit(Fallback(), Start.AddSeconds(1));
        throttle.Admit(new Alert(AlertKinds.ProvidersDown, AlertSeverity.Urgent, "every model provider is down"), Start.AddSeconds(2));
        throttle.CountDropped(dropped: 2, urgent: 0);

        var drained = throttle.Drain(Start.AddSeconds(3));

        Assert.That(drained.Select(a => (a.Kind, a.Count, a.Message)), Is.EqualTo(new[]
        {
            (AlertKinds.Fallback, 1, Fallback().Message + " [3 earlier alerts dropped (rate limit or full queue), 1 of them urgent]"),
        }));
        Assert.That(throttle.Drain(Start.AddSeconds(4)), Is.Empty);
    }

    [Test]
    public void With_only_drops_left_the_run_ends_with_an_urgent_alert_saying_so()
    {
        var throttle = new AlertThrottle(maxPerMinute: 20, coalesceWindow: TimeSpan.Zero);
        throttle.CountDropped(dropped: 4, urgent: 1);

        var drained = throttle.Drain(Start);

        Assert.That(drained.Select(a => (a.Kind, a.Severity, a.Message)), Is.EqualTo(new[]
        {
            (AlertKinds.AlertsDropped, AlertSeverity.Urgent, "alerts were dropped [4 earlier alerts dropped (rate limit or full queue), 1 of them urgent]"),
        }));
    }
}
