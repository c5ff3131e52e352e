using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Exponential moving average fed one value at a time, the state machine behind <see cref="Ema"/>: the first value
/// (at index n-1) is the SMA of the first n inputs, then <c>ema += k * (value - ema)</c> with k = 2/(n+1).
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct EmaStream
{
    private readonly int _periods;
    private readonly double _k;
    private int _count;
    private double _sum;

    /// <summary>Starts an empty average over <paramref name="lookbackPeriods"/> values.</summary>
    public EmaStream(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _periods = lookbackPeriods;
        _k = 2d / (lookbackPeriods + 1);
        Ema = double.NaN;
    }

    /// <summary>The latest average; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Ema { readonly get; private set; }

    /// <summary>Whether the SMA seed has been taken (from the value at index n-1).</summary>
    public readonly bool IsReady => _count == _periods;

    /// <summary>Adds the next value and returns the updated average.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Add(double value)
    {
        if (_count == _periods)
        {
            return Ema = Increment(_k, Ema, value);
        }

        _sum += value;
        return Ema = ++_count == _periods ? _sum / _periods : double.NaN;
    }

    /// <summary>One EMA step, evaluated in the same order as Skender's <c>Ema.Increment</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Increment(double k, double lastEma, double value) => lastEma + (k * (value - lastEma));
}
