using CryptoFunk.Indicators;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Indicators;

/// <summary>
/// Each streaming indicator, fed the 45,024 hourly BTC candles one at a time, gives every output of the batch form
/// at every candle (relative error at most 1e-9, NaN in the same places), and reports <c>IsReady</c> exactly from the
/// first candle where its main output is defined.
/// </summary>
public sealed class StreamingMatchesBatchTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("Sma", "Sma", c => new() { ["Sma"] = Sma.Calculate(c.Close, 20) }, c =>
        {
            var s = new SmaStream(20);
            return (i, o) => { o["Sma"][i] = s.Add(c.Close[i]); return s.IsReady; };
        });
        yield return Case("Ema", "Ema", c => new() { ["Ema"] = Ema.Calculate(c.Close, 20) }, c =>
        {
            var s = new EmaStream(20);
            return (i, o) => { o["Ema"][i] = s.Add(c.Close[i]); return s.IsReady; };
        });
        yield return Case("Rsi", "Rsi", c => new() { ["Rsi"] = Rsi.Calculate(c.Close, 14) }, c =>
        {
            var s = new RsiStream(14);
            return (i, o) => { o["Rsi"][i] = s.Add(c.Close[i]); return s.IsReady; };
        });
        yield return Case("Macd", "Signal", c =>
        {
            var r = Macd.Calculate(c.Close, 12, 26, 9);
            return new() { ["Macd"] = r.Macd, ["Signal"] = r.Signal, ["Histogram"] = r.Histogram, ["FastEma"] = r.FastEma, ["SlowEma"] = r.SlowEma };
        }, c =>
        {
            var s = new MacdStream(12, 26, 9);
            return (i, o) =>
            {
                s.Add(c.Close[i]);
                (o["Macd"][i], o["Signal"][i], o["Histogram"][i], o["FastEma"][i], o["SlowEma"][i]) = (s.Macd, s.Signal, s.Histogram, s.FastEma, s.SlowEma);
                return s.IsReady;
            };
        });
        yield return Case("BollingerBands", "Sma", c =>
        {
            var r = BollingerBands.Calculate(c.Close, 20, 2);
            return new() { ["Sma"] = r.Sma, ["UpperBand"] = r.UpperBand, ["LowerBand"] = r.LowerBand, ["PercentB"] = r.PercentB, ["ZScore"] = r.ZScore, ["Width"] = r.Width };
        }, c =>
        {
            var s = new BollingerBandsStream(20, 2);
            return (i, o) =>
            {
                s.Add(c.Close[i]);
                (o["Sma"][i], o["UpperBand"][i], o["LowerBand"][i]) = (s.Sma, s.UpperBand, s.LowerBand);
                (o["PercentB"][i], o["ZScore"][i], o["Width"][i]) = (s.PercentB, s.ZScore, s.Width);
                return s.IsReady;
            };
        });
        yield return Case("Atr", "Atr", c =>
        {
            var r = Atr.Calculate(c, 14);
            return new() { ["Tr"] = r.Tr, ["Atr"] = r.Atr, ["Atrp"] = r.Atrp };
        }, c =>
        {
            var s = new AtrStream(14);
            return (i, o) =>
            {
                s.Add(c.High[i], c.Low[i], c.Close[i]);
                (o["Tr"][i], o["Atr"][i], o["Atrp"][i]) = (s.Tr, s.Atr, s.Atrp);
                return s.IsReady;
            };
        });
        yield return Case("Adx", "Adx", c =>
        {
            var r = Adx.Calculate(c, 14);
            return new() { ["Pdi"] = r.Pdi, ["Mdi"] = r.Mdi, ["Dx"] = r.Dx, ["Adx"] = r.Adx, ["Adxr"] = r.Adxr };
        }, c =>
        {
            var s = new AdxStream(14);
            return (i, o) =>
            {
                s.Add(c.High[i], c.Low[i], c.Close[i]);
                (o["Pdi"][i], o["Mdi"][i], o["Dx"][i], o["Adx"][i], o["Adxr"][i]) = (s.Pdi, s.Mdi, s.Dx, s.Adx, s.Adxr);
                return s.IsReady;
            };
        });
        yield return Case("Stochastic", "Signal", c =>
        {
            var r = Stochastic.Calculate(c, 14, 3, 3);
            return new() { ["Oscillator"] = r.Oscillator, ["Signal"] = r.Signal, ["PercentJ"] = r.PercentJ };
        }, c =>
        {
            var s = new StochasticStream(14, 3, 3);
            return (i, o) =>
            {
                s.Add(c.High[i], c.Low[i], c.Close[i]);
                (o["Oscillator"][i], o["Signal"][i], o["PercentJ"][i]) = (s.Oscillator, s.Signal, s.PercentJ);
                return s.IsReady;
            };
        });
        yield return Case("Obv", "Obv", c => new() { ["Obv"] = Obv.Calculate(c) }, c =>
        {
            var s = default(ObvStream);
            return (i, o) => { o["Obv"][i] = s.Add(c.Close[i], c.Volume[i]); return s.IsReady; };
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Streaming_equals_batch_on_btc_hourly(
        Func<QuoteColumns, Dictionary<string, double[]>> batch,
        Func<QuoteColumns, Func<int, Dictionary<string, double[]>, bool>> createStream,
        string readyField)
    {
        var candles = CandleCsv.BtcHourly;
        Assert.That(candles.Count, Is.EqualTo(45_024));
        var expected = batch(candles);
        var streamed = expected.Keys.ToDictionary(k => k, _ => new double[candles.Count]);
        var ready = new bool[candles.Count];
        var step = createStream(candles);
        for (var i = 0; i < candles.Count; i++)
        {
            ready[i] = step(i, streamed);
        }

        var mismatches = new SeriesAssert.Mismatches();
        foreach (var (field, values) in expected)
        {
            for (var i = 0; i < values.Length; i++)
            {
                mismatches.Check(field, i, values[i], streamed[field][i]);
            }
        }

        mismatches.AssertNone();
        var defined = expected[readyField].Select(v => !double.IsNaN(v)).ToArray();
        Assert.That(ready, Is.EqualTo(defined), $"IsReady must be true exactly where {readyField} is defined");
    }

    [Test]
    public void Snapshot_stream_fed_candle_records_equals_the_indicator_table()
    {
        var candles = CandleCsv.BtcHourlyCandles;
        var table = IndicatorTable.Compute(CandleQuotes.ToColumns(candles));
        var stream = new IndicatorSnapshotStream();
        var latest = new double[IndicatorTable.ColumnNames.Count];
        var mismatches = new SeriesAssert.Mismatches();
        var firstReady = -1;
        for (var i = 0; i < candles.Count; i++)
        {
            stream.Add((double)candles[i].High, (double)candles[i].Low, (double)candles[i].Close, (double)candles[i].Volume);
            stream.CopyTo(latest);
            for (var c = 0; c < latest.Length; c++)
            {
                mismatches.Check(table.Columns[c].Name, i, table.Columns[c].Values[i], latest[c]);
            }

            if (firstReady < 0 && stream.IsReady)
            {
                firstReady = i;
            }
        }

        mismatches.AssertNone();
        Assert.That(stream.Count, Is.EqualTo(candles.Count));
        Assert.That(firstReady, Is.EqualTo(199), "ready with the 200-period EMA, the longest warm-up");
        Assert.That(table.Columns.Select(c => double.IsNaN(c.Values[199])), Is.All.False);
    }

    private static TestCaseData Case(
        string name,
        string readyField,
        Func<QuoteColumns, Dictionary<string, double[]>> batch,
        Func<QuoteColumns, Func<int, Dictionary<string, double[]>, bool>> createStream) =>
        new TestCaseData(batch, createStream, readyField).SetArgDisplayNames(name);
}
