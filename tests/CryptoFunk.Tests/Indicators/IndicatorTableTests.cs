using CryptoFunk.Indicators;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Indicators;

/// <summary>The table the <c>indicators</c> command prints: its column contract and its agreement with each indicator.</summary>
public sealed class IndicatorTableTests
{
    [Test]
    public void Columns_are_named_and_ordered_as_the_cli_writes_them()
    {
        string[] expected =
        [
            "ema20", "ema50", "ema200", "sma20", "rsi14", "macd", "macd_signal", "macd_hist",
            "bb_upper", "bb_middle", "bb_lower", "bb_percent_b", "bb_width",
            "atr14", "adx14", "plus_di14", "minus_di14", "stoch_k", "stoch_d", "obv",
        ];
        var table = IndicatorTable.Compute(CandleCsv.SkenderQuotes);
        Assert.That(IndicatorTable.ColumnNames, Is.EqualTo(expected));
        Assert.That(table.Columns.Select(c => c.Name), Is.EqualTo(expected));
        Assert.That(table.RowCount, Is.EqualTo(502));
        Assert.That(table.Columns.Select(c => c.Values.Length), Is.All.EqualTo(502));
    }

    [Test]
    public void Every_column_equals_its_indicator_at_standard_parameters()
    {
        var candles = CandleCsv.SkenderQuotes;
        var close = candles.Close;
        var macd = Macd.Calculate(close);
        var bands = BollingerBands.Calculate(close);
        var adx = Adx.Calculate(candles);
        var stochastic = Stochastic.Calculate(candles);
        var expected = new Dictionary<string, double[]>
        {
            ["ema20"] = Ema.Calculate(close, 20),
            ["ema50"] = Ema.Calculate(close, 50),
            ["ema200"] = Ema.Calculate(close, 200),
            ["sma20"] = Sma.Calculate(close, 20),
            ["rsi14"] = Rsi.Calculate(close, 14),
            ["macd"] = macd.Macd,
            ["macd_signal"] = macd.Signal,
            ["macd_hist"] = macd.Histogram,
            ["bb_upper"] = bands.UpperBand,
            ["bb_middle"] = bands.Sma,
            ["bb_lower"] = bands.LowerBand,
            ["bb_percent_b"] = bands.PercentB,
            ["bb_width"] = bands.Width,
            ["atr14"] = Atr.Calculate(candles).Atr,
            ["adx14"] = adx.Adx,
            ["plus_di14"] = adx.Pdi,
            ["minus_di14"] = adx.Mdi,
            ["stoch_k"] = stochastic.Oscillator,
            ["stoch_d"] = stochastic.Signal,
            ["obv"] = Obv.Calculate(candles),
        };

        var table = IndicatorTable.Compute(candles);
        Assert.Multiple(() =>
        {
            foreach (var column in table.Columns)
            {
                Assert.That(column.Values, Is.EqualTo(expected[column.Name]), column.Name);
            }
        });
    }

    [Test]
    public void An_empty_series_gives_empty_columns()
    {
        var table = IndicatorTable.Compute(CandleQuotes.ToColumns([]));
        Assert.That(table.RowCount, Is.Zero);
        Assert.That(table.Columns.Select(c => c.Values.Length), Is.All.Zero);
    }
}
