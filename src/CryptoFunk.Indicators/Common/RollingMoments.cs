using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Mean and population variance of the last <c>n</c> values in O(1) per value, agreeing with a fresh two-pass
/// computation to about 1e-12 relative on price data. Deviations are summed around a centre fixed at the window
/// mean, which keeps the sums small (no cancellation between large squares). Everything is recomputed exactly from
/// the window each time the ring wraps, and also whenever the variance has fallen a thousandfold below the largest
/// sum of squares seen since (a calm window after a spike), where the sliding update would have lost digits.
/// </summary>
/// <remarks>A mutable struct that owns an array: keep it in a field and never copy it.</remarks>
internal struct RollingMoments
{
    private const double CancellationLimit = 1e-3;

    private readonly double[] _window;
    private readonly double _inverseLength;
    private int _next;
    private bool _isFull;
    private double _sum;
    private double _center;
    private double _deviationSum;
    private double _squaredDeviationSum;
    private double _largestSquaredDeviationSum;

    public RollingMoments(int length)
    {
        _window = new double[length];
        _inverseLength = 1d / length;
    }

    /// <summary>Window length.</summary>
    public readonly int Length => _window.Length;

    /// <summary>Whether <see cref="Length"/> values have been added; the statistics are meaningless before.</summary>
    public readonly bool IsFull => _isFull;

    /// <summary>Mean of the window: its sum times 1/length.</summary>
    public readonly double Mean => _sum * _inverseLength;

    /// <summary>Population variance of the window, never negative.</summary>
    public readonly double PopulationVariance
    {
        get
        {
            var squares = _squaredDeviationSum - (_deviationSum * _deviationSum * _inverseLength);
            return squares > 0 ? squares * _inverseLength : 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        var window = _window;
        var next = _next;
        var old = window[next];
        window[next] = value;
        if (++next == window.Length)
        {
            next = 0;
        }

        _next = next;
        if (_isFull)
        {
            var delta = value - old;
            var squares = _squaredDeviationSum;
            _sum += delta;
            _deviationSum += delta;
            _squaredDeviationSum = squares + (delta * (value - _center + (old - _center)));
            _largestSquaredDeviationSum = double.MaxNative(_largestSquaredDeviationSum, squares);

            // n * (squared deviations from the mean) < limit * n * largest, without a division.
            var n = window.Length;
            var spread = (_squaredDeviationSum * n) - (_deviationSum * _deviationSum);
            if (next == 0 || spread < _largestSquaredDeviationSum * CancellationLimit * n)
            {
                Reseed();
            }
        }
        else if (next == 0)
        {
            _isFull = true;
            Reseed();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reseed()
    {
        (_sum, _center, _deviationSum, _squaredDeviationSum) = Exact(_window);
        _largestSquaredDeviationSum = _squaredDeviationSum;
    }

    // Two passes over the window with several accumulators, so a reseed costs a few dozen cycles rather than the
    // latency of 2n dependent additions. Inlined and static: a call in the caller's loop would make the JIT spill
    // every live register around it, and passing this struct by reference would keep its fields out of registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double Sum, double Center, double DeviationSum, double SquaredDeviationSum) Exact(double[] window)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        var i = 0;
        for (; i + 3 < window.Length; i += 4)
        {
            s0 += window[i];
            s1 += window[i + 1];
            s2 += window[i + 2];
            s3 += window[i + 3];
        }

        for (; i < window.Length; i++)
        {
            s0 += window[i];
        }

        var sum = (s0 + s1) + (s2 + s3);
        var center = sum / window.Length;
        double d0 = 0, d1 = 0, q0 = 0, q1 = 0;
        for (i = 0; i + 1 < window.Length; i += 2)
        {
            var a = window[i] - center;
            var b = window[i + 1] - center;
            d0 += a;
            d1 += b;
            q0 += a * a;
            q1 += b * b;
        }

        if (i < window.Length)
        {
            var a = window[i] - center;
            d0 += a;
            q0 += a * a;
        }

        return (sum, center, d0 + d1, q0 + q1);
    }
}
