using System.Text.Json;
using CryptoFunk.Engine;
using CryptoFunk.Indicators;

namespace CryptoFunk.Tests.Storage;

public sealed class StoredIndicatorsTests
{
    [Test]
    public void Indicators_stored_as_an_array_and_as_the_earlier_named_object_read_the_same()
    {
        var values = IndicatorTable.ColumnNames.Select((_, i) => i == 2 ? "null" : (i * 1.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        using var array = JsonDocument.Parse($"[{string.Join(",", values)}]");
        using var named = JsonDocument.Parse($"{{{string.Join(",", IndicatorTable.ColumnNames.Zip(values, (name, value) => $"\"{name}\":{value}"))}}}");

        var fromArray = DecisionRecords.Indicators(array.RootElement).Select(p => (p.Name, p.Value.GetRawText())).ToList();
        var fromObject = DecisionRecords.Indicators(named.RootElement).Select(p => (p.Name, p.Value.GetRawText())).ToList();

        Assert.That(fromArray, Is.EqualTo(fromObject));
        Assert.That(fromArray.Select(p => p.Name), Is.EqualTo(IndicatorTable.ColumnNames));
        Assert.That(fromArray[2].Item2, Is.EqualTo("null"), "a warm-up value stays missing");
    }
}
