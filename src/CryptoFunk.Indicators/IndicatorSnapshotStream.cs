using System.Runtime.CompilerServices;

namespace CryptoFunk.Indicators;

/// <summary>
/// Every <see cref="IndicatorTable"/> column kept up to date one candle at a time (O(1), allocation-free per
/// candle), so an agent can read a point-in-time snapshot without recomputing the history. Values are
/// <see cref="double.NaN"/> until their warm-up is over and equal the table's values at the same candle.
/// </summary>
public sealed class IndicatorSnapshotStream
{
    private EmaStream _ema20 = new(20);
    private EmaStream _ema50 = new(50);
    private EmaStream _ema200 = new(200);
    private SmaStream _sma20 = new(20);
    private RsiStream _rsi14 = new(14);
    private MacdStream _macd = new(12, 26, 9);
    private BollingerBandsStream _bollinger = new(20, 2);
    private AtrStream _atr14 = new(14);
    private AdxStream _adx14 = new(14);
    private StochasticStream _stochastic = new(14, 3, 3);
    private ObvStream _obv;

    /// <summary>Number of candles added.</summary>
    public long Count { get; private set; }

    /// <summary>Whether every value is past its warm-up (the 200-period EMA is the last, at the 200th candle).</summary>
    public bool IsReady =>
        _ema200.IsReady && _ema50.IsReady && _ema20.IsReady && _sma20.IsReady && _rsi14.IsReady && _macd.IsReady
        && _bollinger.IsReady && _atr14.IsReady && _adx14.IsReady && _stochastic.IsReady && _obv.IsReady;

    /// <summary>EMA(20) of the close.</summary>
    public double Ema20 => _ema20.Ema;

    /// <summary>EMA(50) of the close.</summary>
    public double Ema50 => _ema50.Ema;

    /// <summary>EMA(200) of the close.</summary>
    public double Ema200 => _ema200.Ema;

    /// <summary>SMA(20) of the close.</summary>
    public double Sma20 => _sma20.Sma;

    /// <summary>RSI(14) of the close.</summary>
    public double Rsi14 => _rsi14.Rsi;

    /// <summary>MACD(12, 26, 9) line.</summary>
    public double Macd => _macd.Macd;

    /// <summary>MACD signal line.</summary>
    public double MacdSignal => _macd.Signal;

    /// <summary>MACD histogram.</summary>
    public double MacdHistogram => _macd.Histogram;

    /// <summary>Upper Bollinger Band (20, 2).</summary>
    public double BollingerUpper => _bollinger.UpperBand;

    /// <summary>Middle Bollinger Band (SMA 20).</summary>
    public double BollingerMiddle => _bollinger.Sma;

    /// <summary>Lower Bollinger Band.</summary>
    public double BollingerLower => _bollinger.LowerBand;

    /// <summary>Bollinger %B.</summary>
    public double BollingerPercentB => _bollinger.PercentB;

    /// <summary>Bollinger band width.</summary>
    public double BollingerWidth => _bollinger.Width;

    /// <summary>ATR(14).</summary>
    public double Atr14 => _atr14.Atr;

    /// <summary>ADX(14).</summary>
    public double Adx14 => _adx14.Adx;

    /// <summary>+DI(14).</summary>
    public double PlusDi14 => _adx14.Pdi;

    /// <summary>-DI(14).</summary>
    public double MinusDi14 => _adx14.Mdi;

    /// <summary>Stochastic %K (14, 3, 3).</summary>
    public double StochasticK => _stochastic.Oscillator;

    /// <summary>Stochastic %D.</summary>
    public double StochasticD => _stochastic.Signal;

    /// <summary>On-balance volume.</summary>
    public double Obv => _obv.Obv;

    /// <summary>Adds the next candle and updates every value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double high, double low, double close, double volume)
    {
        _ema20.Add(close);
        _ema50.Add(close);
        _ema200.Add(close);
        _sma20.Add(close);
        _rsi14.Add(close);
        _macd.Add(close);
        _bollinger.Add(close);
        _atr14.Add(high, low, close);
        _adx14.Add(high, low, close);
        _stochastic.Add(high, low, close);
        _obv.Add(close, volume);
        Count++;
    }

    /// <summary>Copies the latest values into <paramref name="destination"/> in <see cref="IndicatorTable.ColumnNames"/> order.</summary>
    public void CopyTo(Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, IndicatorTable.ColumnNames.Count, nameof(destination));
        destination[0] = Ema20;
        destination[1] = Ema50;
        destination[2] = Ema200;
        destination[3] = Sma20;
        destination[4] = Rsi14;
        destination[5] = Macd;
        destination[6] = MacdSignal;
        destination[7] = MacdHistogram;
        destination[8] = BollingerUpper;
        destination[9] = BollingerMiddle;
        destination[10] = BollingerLower;
        destination[11] = BollingerPercentB;
        destination[12] = BollingerWidth;
        destination[13] = Atr14;
        destination[14] = Adx14;
        destination[15] = PlusDi14;
        destination[16] = MinusDi14;
        destination[17] = StochasticK;
        destination[18] = StochasticD;
        destination[19] = Obv;
    }
}
