using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// The largest of the last <c>n</c> values in amortized O(1) per value without data-dependent branches
/// (van Herk / Gil-Werman): the stream is cut into blocks of n values; the window is the tail of the previous block,
/// whose suffix maxima are computed once per block, plus the head of the current block, whose running maximum is
/// kept. The smallest value is the negated maximum of negated values, which is exact.
/// </summary>
/// <remarks>A mutable struct that owns arrays: keep it in a field and never copy it. Values must not be NaN.</remarks>
internal struct RollingMaximum
{
    private readonly double[] _block;
    private readonly double[] _suffixMaximum;
    private int _position;
    private double _runningMaximum;

    public RollingMaximum(int length)
    {
        _block = new double[length];
        _suffixMaximum = new double[length + 1];
        Array.Fill(_suffixMaximum, double.NegativeInfinity);
        _runningMaximum = double.NegativeInfinity;
    }

    /// <summary>The largest value in the window; negative infinity before the first value.</summary>
    public readonly double Maximum => double.MaxNative(_suffixMaximum[_position], _runningMaximum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        var position = _position;
        _block[position] = value;
        _runningMaximum = double.MaxNative(_runningMaximum, value);
        if (++position == _block.Length)
        {
            position = 0;
            FillSuffixMaxima(_block, _suffixMaximum);
            _runningMaximum = double.NegativeInfinity;
        }

        _position = position;
    }

    // The block is complete: its suffix maxima serve the next n windows (the running maximum restarts). Inlined: a
    // call in the caller's loop would make the JIT spill every live register around it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FillSuffixMaxima(double[] block, double[] suffix)
    {
        suffix[block.Length] = double.NegativeInfinity;
        for (var i = block.Length - 1; i >= 0; i--)
        {
            suffix[i] = double.MaxNative(block[i], suffix[i + 1]);
        }
    }
}
