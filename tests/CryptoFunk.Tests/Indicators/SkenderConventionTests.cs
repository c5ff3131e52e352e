using CryptoFunk.Indicators;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// Skender's behaviour at the edges the reference data never reaches (flat prices, zero ranges), pinned on small
/// synthetic series so that a change to these conventions is a deliberate one.
/// </summary>
public sealed class SkenderConventionTests
{
    [Test]
    public void Rsi_is_100_when_the_average_loss_is_zero()
    {
        var rising = Enumerable.Range(0, 30).Select(i => 100d + i).ToArray();
        var rsi = Rsi.Calculate(rising, 14);
        Assert.That(rsi.Take(14), Is.All.NaN);
        Assert.That(rsi.Skip(14), Is.All.EqualTo(100));
    }

    [Test]
    public void Rsi_of_a_flat_seed_window_is_undefined_at_the_seed_and_100_after()
    {
        var flat = Enumerable.Repeat(50d, 20).ToArray();
        var rsi = Rsi.Calculate(flat, 14);
        Assert.That(rsi.Take(15), Is.All.NaN, "0/0 at the seed gives no value, as in Skender v3");
        Assert.That(rsi.Skip(15), Is.All.EqualTo(100), "after the seed a zero average loss gives 100");
    }

    [Test]
    public void Stochastic_raw_k_is_0_when_the_range_is_flat_and_exactly_100_at_the_high()
    {
        var flat = Columns(Enumerable.Repeat((10d, 10d, 10d), 20));
        var flatSeries = Stochastic.Calculate(flat, 14, 3, 3);
        Assert.That(flatSeries.Oscillator.Skip(15), Is.All.EqualTo(0));

        var rising = Columns(Enumerable.Range(0, 20).Select(i => (100d + i + 0.3, 99d + i, 100d + i + 0.3)));
        var risingSeries = Stochastic.Calculate(rising, 14, 3, 3);
        Assert.That(risingSeries.Oscillator.Take(15), Is.All.NaN);
        Assert.That(risingSeries.Oscillator.Skip(15), Is.All.EqualTo(100));
        Assert.That(risingSeries.Signal.Skip(17), Is.All.EqualTo(100));
        Assert.That(risingSeries.PercentJ.Skip(17), Is.All.EqualTo(100));
    }

    [Test]
    public void Adx_dx_is_0_when_both_directional_indicators_are_0()
    {
        // The same bar over and over: a true range but no directional movement.
        var candles = Columns(Enumerable.Repeat((11d, 9d, 10d), 40));
        var adx = Adx.Calculate(candles, 14);
        Assert.That(adx.Pdi.Skip(14), Is.All.EqualTo(0));
        Assert.That(adx.Mdi.Skip(14), Is.All.EqualTo(0));
        Assert.That(adx.Dx.Skip(14), Is.All.EqualTo(0));
        Assert.That(adx.Adx.Take(27), Is.All.NaN);
        Assert.That(adx.Adx.Skip(27), Is.All.EqualTo(0));
        Assert.That(adx.Adxr.Take(41), Is.All.NaN);
    }

    [Test]
    public void Adx_outputs_are_undefined_while_the_smoothed_true_range_is_0()
    {
        var candles = Columns(Enumerable.Repeat((10d, 10d, 10d), 40));
        var adx = Adx.Calculate(candles, 14);
        Assert.That(new[] { adx.Pdi, adx.Mdi, adx.Dx, adx.Adx, adx.Adxr }.SelectMany(v => v), Is.All.NaN);
    }

    [Test]
    public void Bollinger_percent_b_and_z_score_are_undefined_when_the_bands_meet()
    {
        var bands = BollingerBands.Calculate(Enumerable.Repeat(25d, 30).ToArray(), 20, 2);
        Assert.That(bands.Sma.Skip(19), Is.All.EqualTo(25));
        Assert.That(bands.UpperBand.Skip(19), Is.All.EqualTo(25));
        Assert.That(bands.Width.Skip(19), Is.All.EqualTo(0));
        Assert.That(bands.PercentB, Is.All.NaN);
        Assert.That(bands.ZScore, Is.All.NaN);
    }

    [Test]
    public void Obv_starts_at_0_and_ignores_unchanged_closes()
    {
        var candles = Columns([(1, 1, 10), (1, 1, 11), (1, 1, 11), (1, 1, 9)], volume: [5, 7, 100, 3]);
        Assert.That(Obv.Calculate(candles), Is.EqualTo(new[] { 0d, 7, 7, 4 }));
    }

    [Test]
    public void Atr_true_range_is_undefined_at_the_first_candle_and_uses_the_previous_close()
    {
        var candles = Columns([(10, 9, 9.5), (12, 11, 11.5), (11, 10.5, 11)]);
        var atr = Atr.Calculate(candles, 2);
        Assert.That(atr.Tr[0], Is.NaN);
        Assert.That(atr.Tr[1], Is.EqualTo(2.5), "high minus previous close");
        Assert.That(atr.Tr[2], Is.EqualTo(1), "previous close minus low");
        Assert.That(atr.Atr[..2], Is.All.NaN);
        Assert.That(atr.Atr[2], Is.EqualTo(1.75), "first ATR is the plain mean of n true ranges");
    }

    private static QuoteColumns Columns(IEnumerable<(double High, double Low, double Close)> bars, double[]? volume = null)
    {
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return CandleQuotes.ToColumns(bars.Select((b, i) => new Candle(
            start.AddHours(i), (decimal)b.Close, (decimal)b.High, (decimal)b.Low, (decimal)b.Close,
            volume is null ? 1m : (decimal)volume[i])).ToList());
    }
}
