using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// On-balance volume fed one candle at a time, the state machine behind <see cref="Obv"/>: 0 at the first candle,
/// then the volume is added on an up close, subtracted on a down close and ignored on an unchanged close.
/// </summary>
/// <remarks>A mutable struct; unlike the others it needs no constructor arguments.</remarks>
public struct ObvStream
{
    private bool _hasPrevious;
    private double _previousClose;

    /// <summary>The running on-balance volume (0 before and at the first candle).</summary>
    public double Obv { readonly get; private set; }

    /// <summary>Always true once a candle was added: OBV has no warm-up.</summary>
    public readonly bool IsReady => _hasPrevious;

    /// <summary>Adds the next candle's close and volume and returns the updated OBV.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Add(double close, double volume)
    {
        // +1, -1 or 0 without a branch the CPU would mispredict half the time; multiplying by it is exact.
        var direction = (close > _previousClose ? 1 : 0) - (close < _previousClose ? 1 : 0);
        if (_hasPrevious)
        {
            Obv += direction * volume;
        }

        _hasPrevious = true;
        _previousClose = close;
        return Obv;
    }
}
