namespace CryptoFunk.Trading.Risk;

/// <summary>The sizer's answer with each limit's own quantity, so the binding limit can be named in clamps and shown.</summary>
/// <param name="Quantity">Smallest of the limits, never negative; zero means do not trade (see <paramref name="Zero"/>).</param>
/// <param name="BindingLimit">The limit that set <paramref name="Quantity"/>.</param>
/// <param name="RiskCapQuantity">Quantity that loses exactly the per-trade risk limit at the stop.</param>
/// <param name="KellyQuantity">Quantity that risks the fractional Kelly stake; null when Kelly could not be applied.</param>
/// <param name="NotionalCapQuantity">Quantity whose notional equals the position cap.</param>
/// <param name="CashCapQuantity">Quantity the available cash pays for.</param>
/// <param name="WinProbability">Win probability used for Kelly (the shrunk realised win rate, else the prior).</param>
/// <param name="RewardToRisk">Take-profit distance over stop distance; null without a take profit.</param>
/// <param name="Notes">What the sizer assumed or skipped, in words.</param>
/// <param name="Zero">Why the quantity is zero; null when it is positive.</param>
public sealed record PositionSize(
    decimal Quantity,
    RiskLimit BindingLimit,
    decimal RiskCapQuantity,
    decimal? KellyQuantity,
    decimal NotionalCapQuantity,
    decimal CashCapQuantity,
    decimal WinProbability,
    decimal? RewardToRisk,
    IReadOnlyList<string> Notes,
    TradeRefusal? Zero)
{
    /// <summary>Why the quantity is zero, in words; null when it is positive.</summary>
    public string? ZeroReason => Zero?.Reason;
}
