using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Wilder's true range, shared by ATR and ADX so both see the same bits. <see cref="double.MaxNative"/> is one
/// instruction where <see cref="Math.Max(double, double)"/> is nine; they differ only for NaN, which prices never are.
/// </summary>
internal static class TrueRange
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double high, double low, double previousClose) =>
        double.MaxNative(high - low, double.MaxNative(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));
}
