using System.Globalization;
using System.Text;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// The comparison every indicator test uses: NaN only where NaN is expected, otherwise a relative error of at most
/// 1e-9 (|a - b| &lt;= 1e-9 max(|a|, |b|)). An absolute difference up to 1e-12 also passes; that floor only matters
/// for values essentially 0 (below 1e-3), where a relative error is meaningless.
/// </summary>
internal static class SeriesAssert
{
    public const double RelativeTolerance = 1e-9;
    public const double AbsoluteFloor = 1e-12;

    public static bool Close(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        var difference = Math.Abs(expected - actual);
        return difference <= RelativeTolerance * Math.Max(Math.Abs(expected), Math.Abs(actual)) || difference <= AbsoluteFloor;
    }

    /// <summary>Collects mismatches so one failure lists the first few of them with their count.</summary>
    public sealed class Mismatches
    {
        private readonly StringBuilder _text = new();

        public int Count { get; private set; }

        public int Checked { get; private set; }

        public void Check(string what, int index, double expected, double actual)
        {
            Checked++;
            if (Close(expected, actual))
            {
                return;
            }

            if (++Count <= 15)
            {
                _text.AppendLine(CultureInfo.InvariantCulture, $"  {what}[{index}]: expected {expected:R}, actual {actual:R}");
            }
        }

        public void AssertNone()
        {
            Assert.That(Checked, Is.GreaterThan(0), "nothing was compared");
            Assert.That(Count, Is.Zero, $"{Count} of {Checked} values differ:{Environment.NewLine}{_text}");
        }
    }
}
