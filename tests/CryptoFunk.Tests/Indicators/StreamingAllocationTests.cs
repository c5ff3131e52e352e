using System.Runtime.CompilerServices;
using CryptoFunk.Indicators;

namespace CryptoFunk.Tests.Indicators;

/// <summary>Streaming updates allocate nothing: only the constructors allocate their ring buffers.</summary>
public sealed class StreamingAllocationTests
{
    [Test]
    public void Updating_every_stream_allocates_nothing()
    {
        var candles = CandleCsv.BtcHourly;
        var snapshot = new IndicatorSnapshotStream();
        Feed(snapshot, 0, 1_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Feed(snapshot, 1_000, candles.Count);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
        Assert.That(snapshot.IsReady);
    }

    // Fully optimized from the first call: a tier-up or on-stack replacement during the measured loop is the
    // runtime's work, not the streams', and must not show up as an allocation.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Feed(IndicatorSnapshotStream snapshot, int from, int to)
    {
        var candles = CandleCsv.BtcHourly;
        for (var i = from; i < to; i++)
        {
            snapshot.Add(candles.High[i], candles.Low[i], candles.Close[i], candles.Volume[i]);
        }
    }
}
