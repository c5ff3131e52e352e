using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's average directional index fed one candle at a time, the state machine behind <see cref="Adx"/>, with
/// Skender's indexing: +DI, -DI and DX from index n, ADX from index 2n-1 (the mean of the first n DX values, then
/// Wilder smoothing), ADXR = (ADX + ADX n bars earlier) / 2 from index 3n-1. DX is 0 when +DI equals -DI (also
/// when both are 0). A bar whose smoothed true range is 0 has every output NaN and does not advance ADX.
/// </summary>
/// <remarks>A mutable struct: create it with the constructor, keep it in a field or local, and do not copy it.</remarks>
public struct AdxStream
{
    private readonly Wilder _wilder;
    private readonly double[] _adxHistory;
    private int _historyNext;
    private int _count;
    private double _previousHigh;
    private double _previousLow;
    private double _previousClose;
    private double _trueRange;
    private double _plusMovement;
    private double _minusMovement;
    private double _dxSum;
    private double _previousAdx;
    private double _adxPeriodsAgo;

    /// <summary>Starts an empty ADX over <paramref name="lookbackPeriods"/> candles.</summary>
    public AdxStream(int lookbackPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lookbackPeriods, 2);
        _wilder = new Wilder(lookbackPeriods);
        _adxHistory = new double[lookbackPeriods];
        Array.Fill(_adxHistory, double.NaN);
        Pdi = Mdi = Dx = Adx = _adxPeriodsAgo = double.NaN;
    }

    /// <summary>Plus directional indicator (+DI).</summary>
    public double Pdi { readonly get; private set; }

    /// <summary>Minus directional indicator (-DI).</summary>
    public double Mdi { readonly get; private set; }

    /// <summary>Directional movement index: 100 |+DI - -DI| / (+DI + -DI).</summary>
    public double Dx { readonly get; private set; }

    /// <summary>The latest ADX; <see cref="double.NaN"/> until <see cref="IsReady"/>.</summary>
    public double Adx { readonly get; private set; }

    /// <summary>Average of ADX and the ADX n bars earlier; NaN for n bars after ADX starts.</summary>
    public readonly double Adxr => (Adx + _adxPeriodsAgo) / 2;

    /// <summary>Whether ADX has started (from index 2n-1).</summary>
    public readonly bool IsReady => _count >= 2 * _wilder.Periods;

    /// <summary>Adds the next candle and updates every output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double high, double low, double close)
    {
        var i = _count;
        var n = _wilder.Periods;
        var tr = TrueRange.Of(high, low, _previousClose);
        var up = high - _previousHigh;
        var down = _previousLow - low;

        // Selected by multiplying with 0 or 1 (exact), as a branch here is mispredicted half the time.
        var plus = (up > down ? 1 : 0) * double.MaxNative(up, 0);
        var minus = (down > up ? 1 : 0) * double.MaxNative(down, 0);
        _previousHigh = high;
        _previousLow = low;
        _previousClose = close;

        if (i <= n)
        {
            if (!Seed(i, tr, plus, minus))
            {
                return;
            }
        }
        else
        {
            _trueRange = _wilder.SmoothSum(_trueRange, tr);
            _plusMovement = _wilder.SmoothSum(_plusMovement, plus);
            _minusMovement = _wilder.SmoothSum(_minusMovement, minus);
        }

        if (i < 2 * n)
        {
            _count = i + 1;
        }

        var adx = double.NaN;
        if (_trueRange == 0)
        {
            Pdi = Mdi = Dx = double.NaN;
        }
        else
        {
            // One division for both (Skender divides twice); the results agree to an ulp.
            var scale = 100 / _trueRange;
            var pdi = _plusMovement * scale;
            var mdi = _minusMovement * scale;
            var dx = pdi - mdi == 0 ? 0
                : pdi + mdi != 0 ? 100 * Math.Abs(pdi - mdi) / (pdi + mdi)
                : double.NaN;
            if (i > (2 * n) - 1)
            {
                adx = _wilder.Smooth(_previousAdx, dx);
                _previousAdx = adx;
            }
            else
            {
                _dxSum += dx;
                if (i == (2 * n) - 1)
                {
                    adx = _dxSum / n;
                    _previousAdx = adx;
                }
            }

            Pdi = pdi;
            Mdi = mdi;
            Dx = dx;
        }

        Adx = adx;
        _adxPeriodsAgo = _adxHistory[_historyNext];
        _adxHistory[_historyNext] = adx;
        _historyNext = _historyNext + 1 == n ? 0 : _historyNext + 1;
    }

    // Sums the first n true ranges and movements (candles 1..n); true once the sums become the smoothed values.
    // Inlined like Add: a call taking this struct by reference would keep its fields out of registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Seed(int i, double tr, double plus, double minus)
    {
        _count = i + 1;
        if (i == 0)
        {
            return false;
        }

        _trueRange += tr;
        _plusMovement += plus;
        _minusMovement += minus;
        return i == _wilder.Periods;
    }
}
