using System.Globalization;
using CryptoFunk.Agents.Alerts;

namespace CryptoFunk.Engine.Alerts;

/// <summary>
/// Decides which alerts are posted and when, so an outage repeating the same alert at every call cannot flood the
/// webhook. Identical alerts (kind, severity, symbol, message) within <c>CoalesceWindow</c> of the one posted are held
/// and posted once more, as one with their count, when the window ends. At most <c>MaxPerMinute</c> posts go out in
/// any minute; an alert over it is dropped and counted (urgent ones too), and the next alert posted says so. At the
/// end of a run <see cref="Drain"/> gives everything still held, past the limit, so nothing is dropped unsaid. Not
/// thread-safe: the one sending loop owns it.
/// </summary>
internal sealed class AlertThrottle(int maxPerMinute, TimeSpan coalesceWindow)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Queue<DateTimeOffset> _posted = new();
    private readonly Dictionary<(string Kind, AlertSeverity Severity, string? Symbol, string Message), Held> _windows = [];
    private int _dropped;
    private int _droppedUrgent;

    /// <summary>When the earliest window holding alerts ends; null when none holds any.</summary>
    public DateTimeOffset? NextDue => _windows.Values.Where(w => w.Count > 0).Select(w => (DateTimeOffset?)w.Ends).Min();

    /// <summary>Counts alerts that never reached the throttle (the queue was full).</summary>
    public void CountDropped(int dropped, int urgent)
    {
        _dropped += dropped;
        _droppedUrgent += urgent;
    }

    /// <summary>What to post for <paramref name="alert"/> raised at <paramref name="now"/>: it, or nothing when held or dropped.</summary>
    public Alert? Admit(Alert alert, DateTimeOffset now)
    {
        var key = (alert.Kind, alert.Severity, alert.Symbol, alert.Message);
        if (_windows.TryGetValue(key, out var held) && now < held.Ends)
        {
            held.Count++;
            held.Last = alert;
            return null;
        }

        _windows[key] = new Held(now + coalesceWindow);
        return Limit(alert, now);
    }

    /// <summary>The held alerts of windows that ended by <paramref name="now"/>, each one with its count, within the limit.</summary>
    public IReadOnlyList<Alert> Due(DateTimeOffset now)
    {
        var ended = _windows.Where(w => w.Value.Ends <= now).ToList();
        var due = new List<Alert>();
        foreach (var (key, held) in ended)
        {
            _windows.Remove(key);
            if (held.Count > 0 && Limit(Coalesced(held), now) is { } alert)
            {
                due.Add(alert);
            }
        }

        return due;
    }

    /// <summary>Everything held, and a last alert for drops not reported yet, past the limit: the run is ending.</summary>
    public IReadOnlyList<Alert> Drain(DateTimeOffset now)
    {
        var held = _windows.Values.Where(w => w.Count > 0).Select(Coalesced).ToList();
        _windows.Clear();
        if (_dropped == 0)
        {
            return held;
        }

        if (held.Count == 0)
        {
            var severity = _droppedUrgent > 0 ? AlertSeverity.Urgent : AlertSeverity.Warning;
            held.Add(new Alert(AlertKinds.AlertsDropped, severity, "alerts were dropped") { Time = now });
        }

        held[^1] = WithDropped(held[^1]);
        return held;
    }

    /// <summary><paramref name="alert"/> when the minute has room for it, telling of earlier drops; else null, counted.</summary>
    private Alert? Limit(Alert alert, DateTimeOffset now)
    {
        while (_posted.Count > 0 && _posted.Peek() <= now - Minute)
        {
            _posted.Dequeue();
        }

        if (_posted.Count >= maxPerMinute)
        {
            _dropped++;
            _droppedUrgent += alert.Severity == AlertSeverity.Urgent ? 1 : 0;
            return null;
        }

        _posted.Enqueue(now);
        return WithDropped(alert);
    }

    private Alert WithDropped(Alert alert)
    {
        if (_dropped == 0)
        {
            return alert;
        }

        var note = string.Create(CultureInfo.InvariantCulture, $" [{_dropped} earlier alerts dropped (rate limit or full queue), {_droppedUrgent} of them urgent]");
        _dropped = 0;
        _droppedUrgent = 0;
        return alert with { Message = alert.Message + note };
    }

    /// <summary>The alerts a window held as one: the latest, standing for all of them.</summary>
    private static Alert Coalesced(Held held) => held.Last! with { Count = held.Count };

    /// <summary>One coalescing window: when it ends, how many identical alerts it held and the latest of them.</summary>
    private sealed class Held(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Count { get; set; }

        public Alert? Last { get; set; }
    }
}
