namespace CryptoFunk.Trading;

/// <summary>The reasons a fill can carry, spelled once so callers and stored records agree.</summary>
public static class FillReasons
{
    /// <summary>A market order filled at the first open after its decision.</summary>
    public const string Market = "market";

    /// <summary>A limit order filled because a candle crossed its price.</summary>
    public const string Limit = "limit";

    /// <summary>The stop loss was touched inside the candle.</summary>
    public const string StopLoss = "stop_loss";

    /// <summary>The candle opened beyond the stop, so the exit is at the open, worse than the stop.</summary>
    public const string StopLossGap = "stop_loss_gap";

    /// <summary>Stop loss and take profit were both inside one candle; the order is unknown, so the worse (stop) is assumed.</summary>
    public const string StopLossAssumedBothHit = "stop_loss_assumed_both_hit";

    /// <summary>The take profit was reached.</summary>
    public const string TakeProfit = "take_profit";
}
