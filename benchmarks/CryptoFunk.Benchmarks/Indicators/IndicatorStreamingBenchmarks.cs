using BenchmarkDotNet.Attributes;
using CryptoFunk.Indicators;

namespace CryptoFunk.Benchmarks.Indicators;

/// <summary>
/// One streaming update, per candle (goal: at most 50 ns and 0 bytes). Each invocation feeds the 45,024 hourly BTC
/// candles to a stream that lives in a field, as it would in an agent, and keeps going from call to call.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class IndicatorStreamingBenchmarks
{
    private const int Updates = BenchmarkCandles.BtcHourly;

    private QuoteColumns _candles = null!;
    private SmaStream _sma;
    private EmaStream _ema;
    private RsiStream _rsi;
    private MacdStream _macd;
    private BollingerBandsStream _bollinger;
    private AtrStream _atr;
    private AdxStream _adx;
    private StochasticStream _stochastic;
    private ObvStream _obv;
    private IndicatorSnapshotStream _snapshot = null!;

    [GlobalSetup]
    public void Setup()
    {
        _candles = BenchmarkCandles.Load(Updates);
        _sma = new SmaStream(20);
        _ema = new EmaStream(20);
        _rsi = new RsiStream(14);
        _macd = new MacdStream(12, 26, 9);
        _bollinger = new BollingerBandsStream(20, 2);
        _atr = new AtrStream(14);
        _adx = new AdxStream(14);
        _stochastic = new StochasticStream(14, 3, 3);
        _snapshot = new IndicatorSnapshotStream();
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Sma20()
    {
        var (close, last) = (_candles.Close, 0d);
        for (var i = 0; i < close.Length; i++)
        {
            last = _sma.Add(close[i]);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Ema20()
    {
        var (close, last) = (_candles.Close, 0d);
        for (var i = 0; i < close.Length; i++)
        {
            last = _ema.Add(close[i]);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Rsi14()
    {
        var (close, last) = (_candles.Close, 0d);
        for (var i = 0; i < close.Length; i++)
        {
            last = _rsi.Add(close[i]);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Macd12_26_9()
    {
        var close = _candles.Close;
        for (var i = 0; i < close.Length; i++)
        {
            _macd.Add(close[i]);
        }

        return _macd.Histogram;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double BollingerBands20_2()
    {
        var close = _candles.Close;
        for (var i = 0; i < close.Length; i++)
        {
            _bollinger.Add(close[i]);
        }

        return _bollinger.PercentB;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Atr14()
    {
        var (high, low, close) = (_candles.High, _candles.Low, _candles.Close);
        for (var i = 0; i < close.Length; i++)
        {
            _atr.Add(high[i], low[i], close[i]);
        }

        return _atr.Atr;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Adx14()
    {
        var (high, low, close) = (_candles.High, _candles.Low, _candles.Close);
        for (var i = 0; i < close.Length; i++)
        {
            _adx.Add(high[i], low[i], close[i]);
        }

        return _adx.Adx;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Stochastic14_3_3()
    {
        var (high, low, close) = (_candles.High, _candles.Low, _candles.Close);
        for (var i = 0; i < close.Length; i++)
        {
            _stochastic.Add(high[i], low[i], close[i]);
        }

        return _stochastic.Signal;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double Obv()
    {
        var (close, volume, last) = (_candles.Close, _candles.Volume, 0d);
        for (var i = 0; i < close.Length; i++)
        {
            last = _obv.Add(close[i], volume[i]);
        }

        return last;
    }

    [Benchmark(OperationsPerInvoke = Updates)]
    public double AllTableColumns()
    {
        var (high, low, close, volume) = (_candles.High, _candles.Low, _candles.Close, _candles.Volume);
        for (var i = 0; i < close.Length; i++)
        {
            _snapshot.Add(high[i], low[i], close[i], volume[i]);
        }

        return _snapshot.Adx14;
    }
}
