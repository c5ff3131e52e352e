using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Slow stochastic oscillator fed one candle at a time, the state machine behind <see cref="Stochastic"/>.
/// Raw %K = 100 (close - lowest low) / (highest high - lowest low) over the lookback, with Skender's edge rules:
/// 0 when the highest high equals the lowest low, exactly 100 when the close is at or above the highest high and
/// exactly 0 at or below the lowest low. <see cref="Oscillator"/> is raw %K smoothed by an SMA, <see cref="Signal"/>
/// (%D) an SMA of it, and <see cref="PercentJ"/> = 3 %K - 2 %D.
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct StochasticStream
{
    private const double KFactor = 3;
    private const double DFactor = 2;

    private readonly int _lookbackPeriods;
    private RollingMaximum _highestHigh;
    private RollingMaximum _negatedLowestLow;
    private RollingSum _oscillator;
    private RollingSum _signal;
    private int _count;

    /// <summary>Starts an empty oscillator (Skender's defaults are 14, 3, 3).</summary>
    public StochasticStream(int lookbackPeriods, int signalPeriods, int smoothPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signalPeriods, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(smoothPeriods, 1);
        _lookbackPeriods = lookbackPeriods;
        _highestHigh = new RollingMaximum(lookbackPeriods);
        _negatedLowestLow = new RollingMaximum(lookbackPeriods);
        _oscillator = new RollingSum(smoothPeriods);
        _signal = new RollingSum(signalPeriods);
        Oscillator = Signal = double.NaN;
    }

    /// <summary>%K: raw %K smoothed over the smoothing periods.</summary>
    public double Oscillator { readonly get; private set; }

    /// <summary>%D: SMA of %K over the signal periods; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Signal { readonly get; private set; }

    /// <summary>%J = 3 %K - 2 %D.</summary>
    public readonly double PercentJ => (KFactor * Oscillator) - (DFactor * Signal);

    /// <summary>Whether %D, and so every output, is defined.</summary>
    public readonly bool IsReady => _signal.IsFull;

    /// <summary>Adds the next candle and updates every output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double high, double low, double close)
    {
        _highestHigh.Add(high);
        _negatedLowestLow.Add(-low);
        if (_count < _lookbackPeriods && ++_count < _lookbackPeriods)
        {
            return;
        }

        var highest = _highestHigh.Maximum;
        var lowest = -_negatedLowestLow.Maximum;
        var raw = highest == lowest ? 0
            : close >= highest ? 100
            : close <= lowest ? 0
            : 100 * (close - lowest) / (highest - lowest);

        _oscillator.Add(raw);
        if (!_oscillator.IsFull)
        {
            return;
        }

        var oscillator = _oscillator.Sum / _oscillator.Length;
        _signal.Add(oscillator);
        Oscillator = oscillator;
        Signal = _signal.IsFull ? _signal.Sum / _signal.Length : double.NaN;
    }
}
