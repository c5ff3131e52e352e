using System.Text.Json;
using CryptoFunk.Tests.Support;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// Every value of Skender's complete result series (<c>reference/skender/raw/*.standard.json</c>, generated at the
/// library's default parameters) reproduced to a relative error of 1e-9 (see <see cref="SeriesAssert"/>);
/// null must be NaN.
/// </summary>
public sealed class SkenderSeriesTests
{
    private const string Suffix = ".standard.json";

    public static IEnumerable<TestCaseData> ImplementedSeries() =>
        RawSeriesNames()
            .Where(name => !SkenderOutputs.NotImplementedRawSeries.Contains(name))
            .Select(name => new TestCaseData(name).SetArgDisplayNames(name));

    [TestCaseSource(nameof(ImplementedSeries))]
    public void Reproduces_every_value(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedFiles.Path($"reference/skender/raw/{name}{Suffix}")));
        var rows = json.RootElement.EnumerateArray().ToList();
        var outputs = SkenderOutputs.For(name, CandleCsv.SkenderQuotes);
        Assert.That(rows, Has.Count.EqualTo(CandleCsv.SkenderQuotes.Count));

        var mismatches = new SeriesAssert.Mismatches();
        for (var i = 0; i < rows.Count; i++)
        {
            foreach (var field in rows[i].EnumerateObject().Where(f => f.Name != "timestamp"))
            {
                Assert.That(outputs.ContainsKey(field.Name), $"{name}.{field.Name} is not implemented");
                var expected = field.Value.ValueKind == JsonValueKind.Null ? double.NaN : field.Value.GetDouble();
                mismatches.Check(field.Name, i, expected, outputs[field.Name][i]);
            }
        }

        mismatches.AssertNone();
    }

    [Test]
    public void Every_raw_series_is_compared_or_listed_as_not_implemented()
    {
        var names = RawSeriesNames().ToList();
        Assert.That(names, Is.SupersetOf(SkenderOutputs.NotImplementedRawSeries));
        Assert.That(names.Where(n => !SkenderOutputs.NotImplementedRawSeries.Contains(n)), Has.All.Matches<string>(SkenderOutputs.Has));
    }

    private static IEnumerable<string> RawSeriesNames() =>
        Directory.GetFiles(SharedFiles.Path("reference/skender/raw"), "*" + Suffix)
            .Select(path => Path.GetFileName(path)[..^Suffix.Length])
            .Order(StringComparer.Ordinal);
}
