using CryptoFunk.Indicators;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// The O(1) windows behind SMA, Bollinger Bands and the stochastic against fresh O(n) computations: the sliding
/// sums must not drift, the variance must survive prices far larger than their spread, and the rolling maximum
/// must equal a scan.
/// </summary>
public sealed class RollingWindowTests
{
    [TestCase(1)]
    [TestCase(3)]
    [TestCase(20)]
    [TestCase(200)]
    public void Rolling_sum_stays_within_a_few_ulps_and_is_exact_at_every_wrap(int length)
    {
        var values = CandleCsv.BtcHourly.Close;
        var window = new RollingSum(length);
        for (var i = 0; i < values.Length; i++)
        {
            window.Add(values[i]);
            if (i < length - 1)
            {
                continue;
            }

            var fresh = FreshSum(values, i - length + 1, length);
            if ((i + 1) % length == 0)
            {
                Assert.That(window.Sum, Is.EqualTo(fresh), $"exact at wrap, index {i}");
            }
            else
            {
                Assert.That(window.Sum, Is.EqualTo(fresh).Within(1e-14 * fresh), $"index {i}");
            }
        }
    }

    [TestCase(2)]
    [TestCase(20)]
    [TestCase(200)]
    public void Rolling_variance_matches_two_pass_on_btc_prices(int length) =>
        AssertMomentsMatchTwoPass(CandleCsv.BtcHourly.Close, length);

    [TestCase(3)]
    [TestCase(20)]
    public void Rolling_variance_survives_a_large_offset(int length)
    {
        // Spread around 1e-3 on a level of 1e6: a naive sum of squares loses every significant digit here.
        var values = Enumerable.Range(0, 20_000).Select(i => 1e6 + (Math.Sin(i * 0.37) * 1e-3) + (i % 7 * 1e-4)).ToArray();
        AssertMomentsMatchTwoPass(values, length);
    }

    [Test]
    public void Rolling_variance_of_a_constant_window_is_zero()
    {
        var window = new RollingMoments(20);
        for (var i = 0; i < 100; i++)
        {
            window.Add(i < 50 ? i : 42.5);
        }

        Assert.That(window.PopulationVariance, Is.Zero);
        Assert.That(window.Mean, Is.EqualTo(42.5));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(14)]
    public void Rolling_maximum_equals_a_scan(int length)
    {
        var random = new Random(7);

        // Rounded values make ties common; the rising and falling runs exercise both ends of the queue.
        var values = Enumerable.Range(0, 5_000)
            .Select(i => i % 500 < 100 ? i % 500 : i % 500 < 200 ? -(i % 500) : Math.Round(random.NextDouble() * 20))
            .ToArray();
        var window = new RollingMaximum(length);
        for (var i = 0; i < values.Length; i++)
        {
            window.Add(values[i]);
            var start = Math.Max(0, i - length + 1);
            Assert.That(window.Maximum, Is.EqualTo(values.AsSpan(start, i - start + 1).ToArray().Max()), $"index {i}");
        }
    }

    private static void AssertMomentsMatchTwoPass(double[] values, int length)
    {
        var window = new RollingMoments(length);
        var mismatches = new SeriesAssert.Mismatches();
        for (var i = 0; i < values.Length; i++)
        {
            window.Add(values[i]);
            if (i < length - 1)
            {
                continue;
            }

            var mean = FreshSum(values, i - length + 1, length) / length;
            var squares = 0d;
            for (var p = i - length + 1; p <= i; p++)
            {
                squares += (values[p] - mean) * (values[p] - mean);
            }

            mismatches.Check("mean", i, mean, window.Mean);
            mismatches.Check("variance", i, squares / length, window.PopulationVariance);
        }

        mismatches.AssertNone();
    }

    private static double FreshSum(double[] values, int start, int length)
    {
        var sum = 0d;
        for (var p = start; p < start + length; p++)
        {
            sum += values[p];
        }

        return sum;
    }
}
