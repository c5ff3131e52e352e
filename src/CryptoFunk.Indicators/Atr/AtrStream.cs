using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's average true range fed one candle at a time, the state machine behind <see cref="Atr"/>. True range
/// needs a previous close, so it starts at the second candle; the first ATR (index n) is the mean of the first
/// n true ranges, then Wilder smoothing.
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct AtrStream
{
    private readonly Wilder _wilder;
    private int _count;
    private double _lastClose;
    private double _trueRangeSum;

    /// <summary>Starts an empty ATR over <paramref name="lookbackPeriods"/> true ranges.</summary>
    public AtrStream(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 2);
        _wilder = new Wilder(lookbackPeriods);
        Tr = Atr = double.NaN;
    }

    /// <summary>The latest true range; NaN for the first candle.</summary>
    public double Tr { readonly get; private set; }

    /// <summary>The latest ATR; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Atr { readonly get; private set; }

    /// <summary>ATR as a percentage of the latest close; NaN if the close is 0.</summary>
    public readonly double Atrp => _lastClose == 0 ? double.NaN : Atr / _lastClose * 100;

    /// <summary>Whether n true ranges (n+1 candles) have been seen.</summary>
    public readonly bool IsReady => _count > _wilder.Periods;

    /// <summary>Adds the next candle and updates every output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double high, double low, double close)
    {
        var tr = TrueRange.Of(high, low, _lastClose);
        _lastClose = close;
        double atr;
        if (_count > _wilder.Periods)
        {
            atr = _wilder.Smooth(Atr, tr);
        }
        else if (_count++ == 0)
        {
            return;
        }
        else
        {
            _trueRangeSum += tr;
            atr = _count > _wilder.Periods ? _trueRangeSum / _wilder.Periods : double.NaN;
        }

        Tr = tr;
        Atr = atr;
    }
}
