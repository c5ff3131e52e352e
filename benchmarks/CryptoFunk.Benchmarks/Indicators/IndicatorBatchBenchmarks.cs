using BenchmarkDotNet.Attributes;
using CryptoFunk.Indicators;

namespace CryptoFunk.Benchmarks.Indicators;

/// <summary>
/// Each batch indicator over a whole series, writing its main outputs into reused buffers (optional outputs left
/// empty), EMA + RSI + MACD + Bollinger + ATR + ADX together (goal: at most 40 ms for 1,000,000 candles), and the
/// whole <see cref="IndicatorTable"/> (all 20 CLI columns, allocated fresh as the CLI does).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class IndicatorBatchBenchmarks
{
    private QuoteColumns _candles = null!;
    private double[][] _outputs = null!;

    /// <summary>Series length: Skender's quotes, the BTC hourly file, or the random walk.</summary>
    [Params(BenchmarkCandles.Skender, BenchmarkCandles.BtcHourly, BenchmarkCandles.RandomWalk)]
    public int Candles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _candles = BenchmarkCandles.Load(Candles);
        _outputs = Enumerable.Range(0, 14).Select(_ => new double[Candles]).ToArray();
    }

    [Benchmark]
    public void Sma20() => Sma.Calculate(_candles.Close, 20, _outputs[0]);

    [Benchmark]
    public void Ema20() => Ema.Calculate(_candles.Close, 20, _outputs[0]);

    [Benchmark]
    public void Rsi14() => Rsi.Calculate(_candles.Close, 14, _outputs[0]);

    [Benchmark]
    public void Macd12_26_9() => Macd.Calculate(_candles.Close, 12, 26, 9, _outputs[0], _outputs[1], _outputs[2]);

    [Benchmark]
    public void BollingerBands20_2() => BollingerBands.Calculate(
        _candles.Close, 20, 2, _outputs[0], _outputs[1], _outputs[2], _outputs[3], _outputs[4]);

    [Benchmark]
    public void Atr14() => Atr.Calculate(_candles.High, _candles.Low, _candles.Close, 14, _outputs[0]);

    [Benchmark]
    public void Adx14() => Adx.Calculate(_candles.High, _candles.Low, _candles.Close, 14, _outputs[0], _outputs[1], _outputs[2]);

    [Benchmark]
    public void Stochastic14_3_3() => Stochastic.Calculate(
        _candles.High, _candles.Low, _candles.Close, 14, 3, 3, _outputs[0], _outputs[1]);

    [Benchmark]
    public void Obv() => CryptoFunk.Indicators.Obv.Calculate(_candles.Close, _candles.Volume, _outputs[0]);

    [Benchmark]
    public void Ema_Rsi_Macd_Bollinger_Atr_Adx()
    {
        var (high, low, close, o) = (_candles.High, _candles.Low, _candles.Close, _outputs);
        Ema.Calculate(close, 20, o[0]);
        Rsi.Calculate(close, 14, o[1]);
        Macd.Calculate(close, 12, 26, 9, o[2], o[3], o[4]);
        BollingerBands.Calculate(close, 20, 2, o[5], o[6], o[7], o[8], o[9]);
        Atr.Calculate(high, low, close, 14, o[10]);
        Adx.Calculate(high, low, close, 14, o[11], o[12], o[13]);
    }

    [Benchmark]
    public IndicatorTable Table() => IndicatorTable.Compute(_candles);
}
