namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// The money one provider call holds in the <see cref="ModelBudget"/> while it is under way, or why it was refused.
/// Settled once: to the real cost when answered, to nothing when the call failed (a failed call bills no tokens).
/// </summary>
public sealed class ModelBudgetReservation
{
    private readonly ModelBudget _budget;
    private int _settled;

    internal ModelBudgetReservation(ModelBudget budget, decimal reservedUsd, DateOnly day, int run, string? refusal)
    {
        _budget = budget;
        ReservedUsd = reservedUsd;
        Day = day;
        Run = run;
        Refusal = refusal;
        _settled = refusal is null ? 0 : 1;
    }

    /// <summary>The worst-case cost held.</summary>
    public decimal ReservedUsd { get; }

    /// <summary>Why the budget refused the call; null when it was granted.</summary>
    public string? Refusal { get; }

    /// <summary>The UTC day the money was reserved in.</summary>
    internal DateOnly Day { get; }

    /// <summary>The run it was reserved in.</summary>
    internal int Run { get; }

    /// <summary>Replaces the reservation by <paramref name="costUsd"/>; later calls do nothing.</summary>
    public void Settle(decimal costUsd)
    {
        if (Interlocked.Exchange(ref _settled, 1) == 0)
        {
            _budget.Settle(this, costUsd);
        }
    }

    /// <summary>Gives the reservation back: the call cost nothing.</summary>
    public void Release() => Settle(0m);
}
