using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// The sum of the last <c>n</c> values in O(1) per value. A running sum alone drifts by one rounding per update,
/// so the sum is recomputed from the window, oldest to newest, each time the ring wraps: it is then exactly the
/// sum Skender computes afresh for every bar, and within a few ulps of it in between (amortized O(1)).
/// </summary>
/// <remarks>A mutable struct that owns an array: keep it in a field and never copy it.</remarks>
internal struct RollingSum
{
    private readonly double[] _window;
    private int _next;
    private bool _isFull;
    private double _sum;

    public RollingSum(int length)
    {
        _window = new double[length];
    }

    /// <summary>Window length.</summary>
    public readonly int Length => _window.Length;

    /// <summary>Whether <see cref="Length"/> values have been added.</summary>
    public readonly bool IsFull => _isFull;

    /// <summary>Sum of the values in the window (of all values added while it is not yet full).</summary>
    public readonly double Sum => _sum;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        var window = _window;
        var next = _next;
        _sum += value - window[next];
        window[next] = value;
        if (++next == window.Length)
        {
            next = 0;
            _isFull = true;
            _sum = SumInOrder(window);
        }

        _next = next;
    }

    // Inlined: a call in the caller's loop would make the JIT spill every live register around it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double SumInOrder(double[] window)
    {
        var sum = 0d;
        foreach (var value in window)
        {
            sum += value;
        }

        return sum;
    }
}
