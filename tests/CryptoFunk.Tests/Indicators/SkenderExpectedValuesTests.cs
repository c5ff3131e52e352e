using System.Text.Json;
using CryptoFunk.Indicators;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// Every value Skender's own unit tests assert (<c>reference/skender/expected.json</c>), reproduced from the same
/// 502 quotes with the JSON's tolerance; null values must be NaN (warm-up). The unrounded baselines of the same
/// points and the non-null counts are checked too.
/// </summary>
public sealed class SkenderExpectedValuesTests
{
    private static readonly Lazy<JsonDocument> Expected =
        new(() => JsonDocument.Parse(File.ReadAllText(SharedFiles.Path("reference/skender/expected.json"))));

    public static IEnumerable<TestCaseData> Indicators() =>
        Expected.Value.RootElement.EnumerateObject()
            .Where(p => p.Name != "_meta")
            .Select(p => new TestCaseData(p.Name).SetArgDisplayNames(p.Name));

    [TestCaseSource(nameof(Indicators))]
    public void Reproduces_every_asserted_value(string indicator)
    {
        var entry = Expected.Value.RootElement.GetProperty(indicator);
        Assert.That(SkenderOutputs.Has(indicator), $"no implementation mapped for {indicator}");
        var outputs = SkenderOutputs.For(indicator, CandleCsv.SkenderQuotes);

        var points = entry.GetProperty("points").EnumerateArray().ToList();
        Assert.That(points, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var point in points)
            {
                var field = point.GetProperty("field").GetString()!;
                var index = point.GetProperty("index").GetInt32();
                Assert.That(outputs.ContainsKey(field), $"{indicator}.{field} is not implemented");
                var actual = outputs[field][index];
                var value = point.GetProperty("value");
                if (value.ValueKind == JsonValueKind.Null)
                {
                    Assert.That(actual, Is.NaN, $"{indicator}.{field}[{index}] is warm-up");
                }
                else
                {
                    var tolerance = Tolerance(entry.GetProperty("tolerance"), field);
                    Assert.That(actual, Is.EqualTo(value.GetDouble()).Within(tolerance), $"{indicator}.{field}[{index}]");
                }
            }
        });
    }

    [TestCaseSource(nameof(Indicators))]
    public void Reproduces_the_unrounded_baseline_and_counts(string indicator)
    {
        var entry = Expected.Value.RootElement.GetProperty(indicator);
        var candles = CandleCsv.SkenderQuotes;
        var outputs = SkenderOutputs.For(indicator, candles);

        var mismatches = new SeriesAssert.Mismatches();
        foreach (var point in entry.GetProperty("fullPrecision").EnumerateArray())
        {
            var field = point.GetProperty("field").GetString()!;
            var index = point.GetProperty("index").GetInt32();
            var value = point.GetProperty("value");
            var expected = value.ValueKind == JsonValueKind.Null ? double.NaN : value.GetDouble();
            mismatches.Check(field, index, expected, outputs[field][index]);
        }

        mismatches.AssertNone();
        foreach (var count in entry.GetProperty("counts").EnumerateObject())
        {
            if (count.Name == "total")
            {
                Assert.That(outputs.Values.Select(v => v.Length), Is.All.EqualTo(count.Value.GetInt32()));
                continue;
            }

            var field = count.Name["nonNull.".Length..];
            var columns = field == "all" ? outputs.Values : [outputs[field]];
            foreach (var column in columns)
            {
                Assert.That(column.Count(v => !double.IsNaN(v)), Is.EqualTo(count.Value.GetInt32()), $"{indicator} {count.Name}");
            }
        }
    }

    [Test]
    public void Ema_increment_matches_skenders_increment_check()
    {
        var check = Expected.Value.RootElement.GetProperty("EMA20").GetProperty("incrementCheck");
        var k = 2d / (check.GetProperty("lookbackPeriods").GetInt32() + 1);
        var next = EmaStream.Increment(k, check.GetProperty("lastEma").GetDouble(), check.GetProperty("newPrice").GetDouble());
        Assert.That(
            Math.Round(next, check.GetProperty("precision").GetInt32()),
            Is.EqualTo(check.GetProperty("expected").GetDouble()));
    }

    private static double Tolerance(JsonElement tolerance, string field) =>
        tolerance.ValueKind == JsonValueKind.Number
            ? tolerance.GetDouble()
            : tolerance.GetProperty(field).GetDouble();
}
