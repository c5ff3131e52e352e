namespace CryptoFunk.Trading.Risk;

/// <summary>Which limit decided a quantity, so a clamp can say what stopped a larger trade.</summary>
public enum RiskLimit
{
    /// <summary><see cref="RiskLimitsOptions.MaxRiskPerTradeFraction"/>.</summary>
    RiskPerTrade,

    /// <summary>Fractional Kelly stake from win probability and reward/risk.</summary>
    Kelly,

    /// <summary><see cref="RiskLimitsOptions.MaxPositionFraction"/>.</summary>
    PositionNotional,

    /// <summary>Cash available to pay for the position.</summary>
    Cash,

    /// <summary><see cref="RiskLimitsOptions.MaxPortfolioRiskFraction"/> minus the risk already open.</summary>
    PortfolioRisk,

    /// <summary>The strategy agent's own quantity, which the risk agent may shrink but never enlarge.</summary>
    ProposedQuantity,
}
