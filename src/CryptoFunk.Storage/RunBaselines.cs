namespace CryptoFunk.Storage;

/// <summary>The baselines a run may store equity for (<see cref="BaselineEquityRecord.Baseline"/>), named as in the JSON summary.</summary>
public static class RunBaselines
{
    /// <summary>Buying at the first bar and holding.</summary>
    public const string BuyAndHold = "buy_and_hold";

    /// <summary>The same decision flow with every agent replaced by the rules engine.</summary>
    public const string RulesOnly = "rules_only";
}
