using CryptoFunk.Indicators;

namespace CryptoFunk.Tests.Indicators;

/// <summary>Misuse fails loudly before any work: output spans of the wrong length and impossible periods.</summary>
public sealed class IndicatorArgumentTests
{
    private static readonly double[] Source = Enumerable.Range(1, 50).Select(i => (double)i).ToArray();

    [Test]
    public void An_output_span_of_another_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Sma.Calculate(Source, 20, new double[Source.Length - 1]));
        Assert.Throws<ArgumentException>(() => Atr.Calculate(Source, Source, Source, 14, new double[Source.Length], tr: new double[3]));
        Assert.Throws<ArgumentException>(() => Adx.Calculate(Source, Source.AsSpan(1), Source, 14, new double[50], new double[50], new double[50]));
    }

    [Test]
    public void Optional_outputs_may_be_left_empty()
    {
        var adx = new double[Source.Length];
        Adx.Calculate(Source, Source, Source, 14, new double[Source.Length], new double[Source.Length], adx);
        Assert.That(adx.Count(double.IsNaN), Is.EqualTo(27));
    }

    [Test]
    public void Impossible_periods_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SmaStream(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new EmaStream(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new RsiStream(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new MacdStream(26, 12, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BollingerBandsStream(1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new BollingerBandsStream(20, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AtrStream(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new AdxStream(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new StochasticStream(14, 0, 3));
    }

    [Test]
    public void A_series_shorter_than_the_warm_up_is_all_undefined()
    {
        Assert.That(Ema.Calculate(Source.AsSpan(0, 10), 20), Is.All.NaN);
        Assert.That(Macd.Calculate(Source.AsSpan(0, 33)).Signal, Is.All.NaN);
        Assert.That(Rsi.Calculate([]), Is.Empty);
    }
}
