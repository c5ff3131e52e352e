using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Simple moving average fed one value at a time: O(1) and allocation-free per value, and the state machine the
/// batch <see cref="Sma"/> runs, so both give identical results.
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct SmaStream
{
    private RollingSum _window;

    /// <summary>Starts an empty average over <paramref name="lookbackPeriods"/> values.</summary>
    public SmaStream(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _window = new RollingSum(lookbackPeriods);
        Sma = double.NaN;
    }

    /// <summary>The latest average; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Sma { readonly get; private set; }

    /// <summary>Whether a full window has been seen (from the value at index n-1).</summary>
    public readonly bool IsReady => _window.IsFull;

    /// <summary>Adds the next value and returns the updated average.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Add(double value)
    {
        _window.Add(value);
        return Sma = _window.IsFull ? _window.Sum / _window.Length : double.NaN;
    }
}
