using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Bollinger Bands fed one value at a time, the state machine behind <see cref="BollingerBands"/>: SMA middle band,
/// bands at a multiple of the population standard deviation, %B, z-score and width as Skender defines them.
/// The update keeps the SMA and deviation; the other outputs are derived when read, so unread ones cost nothing.
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct BollingerBandsStream
{
    private readonly double _standardDeviations;
    private RollingMoments _window;
    private double _value;
    private double _standardDeviation;

    /// <summary>Starts empty bands over <paramref name="lookbackPeriods"/> values.</summary>
    public BollingerBandsStream(int lookbackPeriods, double standardDeviations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(standardDeviations);
        _standardDeviations = standardDeviations;
        _window = new RollingMoments(lookbackPeriods);
        Sma = _standardDeviation = double.NaN;
    }

    /// <summary>Middle band: the SMA of the window.</summary>
    public double Sma { readonly get; private set; }

    /// <summary>SMA plus the multiple of the standard deviation.</summary>
    public readonly double UpperBand => Sma + (_standardDeviations * _standardDeviation);

    /// <summary>SMA minus the multiple of the standard deviation.</summary>
    public readonly double LowerBand => Sma - (_standardDeviations * _standardDeviation);

    /// <summary>Where the value sits between the bands (0 at the lower, 1 at the upper); NaN if the bands meet.</summary>
    public readonly double PercentB
    {
        get
        {
            var lower = LowerBand;
            var range = UpperBand - lower;
            return range == 0 ? double.NaN : (_value - lower) / range;
        }
    }

    /// <summary>Standard deviations from the SMA; NaN if the deviation is 0.</summary>
    public readonly double ZScore => _standardDeviation == 0 ? double.NaN : (_value - Sma) / _standardDeviation;

    /// <summary>Band distance relative to the SMA; NaN if the SMA is 0.</summary>
    public readonly double Width => Sma == 0 ? double.NaN : (UpperBand - LowerBand) / Sma;

    /// <summary>Whether a full window has been seen (from the value at index n-1).</summary>
    public readonly bool IsReady => _window.IsFull;

    /// <summary>Adds the next value and updates every output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        _window.Add(value);
        if (_window.IsFull)
        {
            _value = value;
            Sma = _window.Mean;
            _standardDeviation = Math.Sqrt(_window.PopulationVariance);
        }
    }
}
