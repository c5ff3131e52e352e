using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's relative strength index fed one value at a time, the state machine behind <see cref="Rsi"/>.
/// The first value (index n) uses the plain mean gain and loss of the first n changes, then Wilder smoothing.
/// As in Skender, RSI is 100 whenever the average loss is 0, except at the first value where a flat window
/// (average gain and loss both 0) gives <see cref="double.NaN"/>.
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct RsiStream
{
    private readonly Wilder _wilder;
    private int _count;
    private double _previous;
    private double _averageGain;
    private double _averageLoss;

    /// <summary>Starts an empty RSI over <paramref name="lookbackPeriods"/> changes.</summary>
    public RsiStream(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 1);
        _wilder = new Wilder(lookbackPeriods);
        Rsi = double.NaN;
    }

    /// <summary>The latest RSI (0 to 100); <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Rsi { readonly get; private set; }

    /// <summary>Whether n changes (n+1 values) have been seen.</summary>
    public readonly bool IsReady => _count > _wilder.Periods;

    /// <summary>Adds the next value and returns the updated RSI.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Add(double value)
    {
        var previous = _previous;
        _previous = value;
        var gain = double.MaxNative(value - previous, 0);
        var loss = double.MaxNative(previous - value, 0);

        if (_count > _wilder.Periods)
        {
            _averageGain = _wilder.Smooth(_averageGain, gain);
            _averageLoss = _wilder.Smooth(_averageLoss, loss);
            return Rsi = Strength(_averageGain, _averageLoss);
        }

        return Rsi = Warm(gain, loss);
    }

    // Skender's 100 - 100 / (1 + gain / loss) rearranged to one division, which also avoids its cancellation near 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Strength(double averageGain, double averageLoss) =>
        averageLoss > 0 ? 100 * averageGain / (averageGain + averageLoss) : 100;

    // Inlined like Add: a call taking this struct by reference would keep its fields out of registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Warm(double gain, double loss)
    {
        if (_count++ == 0)
        {
            return double.NaN;
        }

        // Until the seed, the averages hold the running sums of gains and losses.
        _averageGain += gain;
        _averageLoss += loss;
        if (_count <= _wilder.Periods)
        {
            return double.NaN;
        }

        _averageGain /= _wilder.Periods;
        _averageLoss /= _wilder.Periods;
        return _averageGain == 0 && _averageLoss == 0 ? double.NaN : Strength(_averageGain, _averageLoss);
    }
}
