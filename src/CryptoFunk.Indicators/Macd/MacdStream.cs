using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// MACD fed one value at a time, the state machine behind <see cref="Macd"/>. The fast and slow EMAs are each
/// SMA-seeded at their own period, and the signal line is an EMA of MACD seeded with the SMA of its first values,
/// so with (12, 26, 9) MACD starts at index 25 and the signal at index 33, as in Skender.
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct MacdStream
{
    private EmaStream _fast;
    private EmaStream _slow;
    private EmaStream _signal;

    /// <summary>Starts an empty MACD.</summary>
    public MacdStream(int fastPeriods, int slowPeriods, int signalPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slowPeriods, fastPeriods);
        _fast = new EmaStream(fastPeriods);
        _slow = new EmaStream(slowPeriods);
        _signal = new EmaStream(signalPeriods);
        Macd = Signal = double.NaN;
    }

    /// <summary>Fast EMA minus slow EMA; <see cref="double.NaN"/> until the slow EMA is seeded.</summary>
    public double Macd { readonly get; private set; }

    /// <summary>EMA of <see cref="Macd"/>; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Signal { readonly get; private set; }

    /// <summary><see cref="Macd"/> minus <see cref="Signal"/>.</summary>
    public readonly double Histogram => Macd - Signal;

    /// <summary>The fast EMA.</summary>
    public readonly double FastEma => _fast.Ema;

    /// <summary>The slow EMA.</summary>
    public readonly double SlowEma => _slow.Ema;

    /// <summary>Whether the signal line, and so every output, is defined.</summary>
    public readonly bool IsReady => _signal.IsReady;

    /// <summary>Adds the next value and updates every output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        var macd = _fast.Add(value) - _slow.Add(value);
        Macd = macd;
        if (_slow.IsReady)
        {
            Signal = _signal.Add(macd);
        }
    }
}
