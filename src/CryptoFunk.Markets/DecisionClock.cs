namespace CryptoFunk.Markets;

/// <summary>
/// The decision time the plugins answer for. The trading loop sets it before each decision and every plugin reads it
/// on every call, so plugins (whose functions are expensive to build) are created once per run and still never see
/// past the decision. One instance per run, nothing static, so parallel runs never share a time.
/// </summary>
public sealed class DecisionClock
{
    private const long Unset = -1;
    private long _utcTicks = Unset;

    /// <summary>The current decision time in UTC; fails until the loop has set one, so no plugin answers for "no time".</summary>
    public DateTimeOffset Time
    {
        get
        {
            var ticks = Volatile.Read(ref _utcTicks);
            return ticks == Unset
                ? throw new InvalidOperationException("the decision clock has not been set; the trading loop sets it before each decision")
                : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Moves the clock to <paramref name="time"/>, the moment of the next decision.</summary>
    public void Set(DateTimeOffset time) => Volatile.Write(ref _utcTicks, time.UtcTicks);
}
