namespace CryptoFunk.Agents.Alerts;

/// <summary>How urgent an <see cref="Alert"/> is; an urgent one is never dropped without saying so.</summary>
public enum AlertSeverity
{
    /// <summary>Worth knowing: a trade.</summary>
    Info,

    /// <summary>Something degraded: a fallback, the budget, the drawdown halt.</summary>
    Warning,

    /// <summary>Agents cannot reach any model.</summary>
    Urgent,
}
