using CryptoFunk.Indicators;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Indicators;

public sealed class IndicatorValuesColumnsTests
{
    [Test]
    public void ToColumns_gives_back_the_table_row_in_column_order()
    {
        var candles = Enumerable.Range(0, 300)
            .Select(i => new Candle(DateTimeOffset.UnixEpoch.AddHours(i), 100m + i, 101m + i + (i % 7), 99m + i - (i % 5), 100.5m + i, 10m + (i % 3)))
            .ToList();
        var table = IndicatorTable.Compute(CandleQuotes.ToColumns(candles));

        var columns = IndicatorValues.FromTable(table, 299).ToColumns();

        Assert.That(columns, Is.EqualTo(table.Columns.Select(c => c.Values[299]).ToArray()));
        Assert.That(columns, Has.Length.EqualTo(IndicatorTable.ColumnNames.Count));
    }
}
