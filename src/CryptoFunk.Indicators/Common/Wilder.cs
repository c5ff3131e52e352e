using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's smoothing over n periods. Skender evaluates <c>((previous * (n - 1)) + value) / n</c>; here it is one
/// fused multiply-add, <c>previous * ((n - 1) / n) + value / n</c>, because the previous value is the loop-carried
/// path and a division on it costs about 13 cycles of latency against 4. Results differ from Skender's by an ulp or
/// two per step, and the smoothing damps such differences rather than accumulating them.
/// </summary>
internal readonly struct Wilder
{
    private readonly double _decay;
    private readonly double _inverse;

    public Wilder(int periods)
    {
        Periods = periods;
        _decay = (periods - 1d) / periods;
        _inverse = 1d / periods;
    }

    /// <summary>n.</summary>
    public int Periods { get; }

    /// <summary>The next smoothed average from the previous one and the next value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Smooth(double previous, double value) => Math.FusedMultiplyAdd(previous, _decay, value * _inverse);

    /// <summary>The next smoothed sum (Wilder's running-total form ADX uses): <c>previous - previous / n + value</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SmoothSum(double previous, double value) => Math.FusedMultiplyAdd(previous, _decay, value);
}
