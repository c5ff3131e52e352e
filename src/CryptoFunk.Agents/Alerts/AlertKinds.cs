namespace CryptoFunk.Agents.Alerts;

/// <summary>The stable names of what an <see cref="Alert"/> is about, as webhook receivers filter on them.</summary>
public static class AlertKinds
{
    /// <summary>A position was opened: its entry order filled.</summary>
    public const string TradeEntry = "trade_entry";

    /// <summary>A position (or part of it) was closed.</summary>
    public const string TradeExit = "trade_exit";

    /// <summary>An agent answered from its rules, or held, because no model answered.</summary>
    public const string Fallback = "fallback";

    /// <summary>Every model provider failed a call.</summary>
    public const string ProvidersDown = "providers_down";

    /// <summary>The model budget cannot cover more calls.</summary>
    public const string BudgetReached = "budget_reached";

    /// <summary>No new trades: equity fell to the drawdown halt.</summary>
    public const string DrawdownHalt = "drawdown_halt";

    /// <summary>Alerts were dropped (rate limit or a full queue) and not reported in a later one.</summary>
    public const string AlertsDropped = "alerts_dropped";
}
