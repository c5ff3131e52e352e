using System.Runtime.CompilerServices;

namespace CryptoFunk.Plugins.Indicators;

/// <summary>
/// Mean and population variance of the last <c>n</c> values in O(1) per value, agreeing with a fresh two-pass
/// computation to about 1e-12 relative on price data. Deviations are summed around a centre fixed at the window mean, which keeps
/// the sums small (no cancellation between large squares). Everything is recomputed exactly from the window each
/// time the ring wraps, and also whenever the variance has fallen a thousandfold below the largest sum of squares
/// seen since (a calm window after a spike), where the sliding update would have lost digits to cancellation.
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

    /// <summary>Mean of the window: its sum (in Skender's order after each reseed) times 1/length.</summary>
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
                Reseed(next);
            }
        }
        else if (next == 0)
        {
            _isFull = true;
            Reseed(next);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reseed(int oldest)
    {
        (_sum, _center, _deviationSum, _squaredDeviationSum) = Exact(_window, oldest);
        _largestSquaredDeviationSum = _squaredDeviationSum;
    }

    // Visits the window oldest to newest, the order Skender sums a window in. Static, so the hot path never passes
    // this struct by reference (which would keep its fields out of registers).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (double Sum, double Center, double DeviationSum, double SquaredDeviationSum) Exact(double[] window, int oldest)
    {
        ReadOnlySpan<double> older = window.AsSpan(oldest);
        ReadOnlySpan<double> newer = window.AsSpan(0, oldest);
        var sum = 0d;
        foreach (var value in older)
        {
            sum += value;
        }

        foreach (var value in newer)
        {
            sum += value;
        }

        var center = sum / window.Length;
        var (deviationSum, squaredDeviationSum) = Deviations(newer, Deviations(older, (0d, 0d), center), center);
        return (sum, center, deviationSum, squaredDeviationSum);
    }

    private static (double Sum, double SquaredSum) Deviations(
        ReadOnlySpan<double> values, (double Sum, double SquaredSum) running, double center)
    {
        var (sum, squaredSum) = running;
        foreach (var value in values)
        {
            var deviation = value - center;
            sum += deviation;
            squaredSum += deviation * deviation;
        }

        return (sum, squaredSum);
    }
}
