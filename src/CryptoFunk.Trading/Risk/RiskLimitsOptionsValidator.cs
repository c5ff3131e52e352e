using Microsoft.Extensions.Options;

namespace CryptoFunk.Trading.Risk;

/// <summary>Refuses risk limits that would disable or invert the gate, naming the key (<c>Risk:KellyFraction</c>).</summary>
public sealed class RiskLimitsOptionsValidator : IValidateOptions<RiskLimitsOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RiskLimitsOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each; empty when valid.</summary>
    public static IReadOnlyList<string> Errors(RiskLimitsOptions options)
    {
        var errors = new List<string>();
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.MaxRiskPerTradeFraction), options.MaxRiskPerTradeFraction);
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.MaxPortfolioRiskFraction), options.MaxPortfolioRiskFraction);
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.MaxPositionFraction), options.MaxPositionFraction);
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.MaxStopDistanceFraction), options.MaxStopDistanceFraction);
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.KellyFraction), options.KellyFraction);
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.PriorWinProbability), options.PriorWinProbability);
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.HaltDrawdownFraction), options.HaltDrawdownFraction);
        RequireUnitInterval(errors, nameof(RiskLimitsOptions.MaxEntryDeviationFraction), options.MaxEntryDeviationFraction);
        if (options.PriorStrength <= 0m)
        {
            errors.Add(FormattableString.Invariant($"{Key(nameof(RiskLimitsOptions.PriorStrength))} must be positive (got {options.PriorStrength})"));
        }

        if (options.WinRateHalfLife <= TimeSpan.Zero)
        {
            errors.Add(FormattableString.Invariant($"{Key(nameof(RiskLimitsOptions.WinRateHalfLife))} must be positive (got {options.WinRateHalfLife})"));
        }

        if (options.MaxOpenPositions < 1)
        {
            errors.Add($"{Key(nameof(RiskLimitsOptions.MaxOpenPositions))} must be at least 1 (got {options.MaxOpenPositions})");
        }

        if (options.MaxRiskPerTradeFraction > options.MaxPortfolioRiskFraction)
        {
            errors.Add(
                $"{Key(nameof(RiskLimitsOptions.MaxRiskPerTradeFraction))} must not exceed " +
                $"{Key(nameof(RiskLimitsOptions.MaxPortfolioRiskFraction))}, or no single trade could be taken in full");
        }

        return errors;
    }

    private static void RequireUnitInterval(List<string> errors, string property, decimal value)
    {
        if (value is <= 0m or > 1m)
        {
            errors.Add(FormattableString.Invariant($"{Key(property)} must be in (0, 1] (got {value})"));
        }
    }

    private static string Key(string property) => $"{RiskLimitsOptions.SectionName}:{property}";
}
