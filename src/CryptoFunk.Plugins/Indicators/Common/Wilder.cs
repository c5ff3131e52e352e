using System.Runtime.CompilerServices;

namespace CryptoFunk.Plugins.Indicators;

/// <summary>Wilder's smoothing, written exactly as Skender evaluates it so results agree to the last bit.</summary>
internal static class Wilder
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Smooth(double previous, double value, int periods) =>
        ((previous * (periods - 1)) + value) / periods;
}
