using CryptoFunk.Markets;
using CryptoFunk.Markets.Csv;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Tests.Backtesting;

public sealed class BuyAndHoldBaselineTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset Start2021 = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start2022 = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly PaperBrokerOptions Options = new();

    private static Candle Bar(int hour, decimal price, decimal volume) =>
        new(Start2021.AddHours(hour), price, price, price, price, volume);

    private static async Task<IReadOnlyList<Candle>> Btc1hAsync() =>
        (await CandleFileReader.ReadAsync(SharedFiles.Path("data/candles/binance-spot-2017-2022/BTC_USDT-1h.csv"), CancellationToken.None)).Candles;

    [Test]
    public async Task Buy_and_hold_2021_enters_at_the_first_open_plus_slippage_and_pays_one_fee()
    {
        var candles = await Btc1hAsync();
        var year = candles.Where(c => c.OpenTime >= Start2021 && c.OpenTime < Start2022).ToList();
        var first = year[0];
        var last = year[^1];

        var result = BuyAndHoldBaseline.Run(candles, Btc, Timeframe.OneHour, Start2021, Start2022, Options);

        var entry = result.Entry!;
        var participationPercent = 100m * entry.Quantity * first.Open / (first.Volume * first.Close);
        Assert.That(first.OpenTime, Is.EqualTo(Start2021));
        Assert.That(entry.Time, Is.EqualTo(first.OpenTime));
        Assert.That(entry.Side, Is.EqualTo(OrderSide.Buy));
        Assert.That(entry.Price, Is.EqualTo(first.Open + (first.Open * (5m + (10m * participationPercent)) / 10_000m)));
        Assert.That(entry.Price, Is.GreaterThan(first.Open * 1.0005m));
        Assert.That(entry.Fee, Is.EqualTo(entry.Quantity * entry.Price * 0.001m));
        Assert.That(result.FeesPaid, Is.EqualTo(entry.Fee));
        Assert.That(result.Metrics.FeesPaid, Is.EqualTo(entry.Fee));

        var leftoverCash = Options.InitialCash - (entry.Notional + entry.Fee);
        Assert.That(leftoverCash, Is.InRange(0m, 0.05m), "nearly all cash is invested");
        Assert.That(result.Curve[^1].Equity, Is.EqualTo((entry.Quantity * last.Close) + leftoverCash));
        Assert.That(result.Metrics.FinalEquity, Is.EqualTo(result.Curve[^1].Equity));
    }

    [Test]
    public async Task Buy_and_hold_2021_returns_the_price_move_less_costs()
    {
        var candles = await Btc1hAsync();
        var year = candles.Where(c => c.OpenTime >= Start2021 && c.OpenTime < Start2022).ToList();
        var priceMove = (double)((year[^1].Close / year[0].Open) - 1m);

        var result = BuyAndHoldBaseline.Run(candles, Btc, Timeframe.OneHour, Start2021, Start2022, Options);

        var metrics = result.Metrics;
        var afterCosts = (double)(year[^1].Close / (result.Entry!.Price * 1.001m)) - 1d;
        Assert.That((double)metrics.TotalReturn, Is.EqualTo(afterCosts).Within(1e-5));
        Assert.That((double)metrics.TotalReturn, Is.LessThan(priceMove));
        Assert.That(priceMove - (double)metrics.TotalReturn, Is.LessThan(0.005));
        Assert.That(metrics.InitialEquity, Is.EqualTo(Options.InitialCash));
        Assert.That(metrics.Trades, Is.Zero);
        Assert.That(metrics.Exposure, Is.EqualTo(1d));
        Assert.That(metrics.MaxDrawdown, Is.GreaterThan(0.3m).And.LessThan(0.7m));
        Assert.That(metrics.Cagr, Is.EqualTo((double)metrics.TotalReturn).Within(0.01));
        Assert.That(metrics.Sharpe, Is.Not.Null);
        Assert.That(metrics.Sortino, Is.Not.Null);
    }

    [Test]
    public async Task Buy_and_hold_2021_marks_equity_at_every_candle_close()
    {
        var candles = await Btc1hAsync();
        var year = candles.Where(c => c.OpenTime >= Start2021 && c.OpenTime < Start2022).ToList();

        var result = BuyAndHoldBaseline.Run(candles, Btc, Timeframe.OneHour, Start2021, Start2022, Options);

        Assert.That(result.Curve, Has.Count.EqualTo(year.Count + 1));
        Assert.That(result.Curve[0], Is.EqualTo(new EquityPoint(Start2021, Options.InitialCash)));
        Assert.That(result.Curve[^1].Time, Is.EqualTo(Start2022));
        Assert.That(result.Curve.Skip(1).Select(p => p.Time), Is.EqualTo(year.Select(c => c.OpenTime.AddHours(1))));
        Assert.That(result.Curve.Skip(1).All(p => p.InMarket), Is.True);
    }

    [Test]
    public void A_thin_candle_still_fills_because_the_size_impact_is_in_the_sizing()
    {
        // Cash 10,000 against a 20,000 quote-volume candle: about 50% participation, about 5% slippage.
        var result = BuyAndHoldBaseline.Run([Bar(0, 100m, 200m), Bar(1, 110m, 200m)], Btc, Timeframe.OneHour,
            Start2021, Start2021.AddHours(2), Options);

        var leftoverCash = Options.InitialCash - (result.Entry!.Notional + result.Entry!.Fee);
        Assert.That(result.Entry!.Price, Is.GreaterThan(104m));
        Assert.That(leftoverCash, Is.InRange(0m, 0.05m));
        Assert.That(result.Curve[^1].Equity, Is.EqualTo((result.Entry!.Quantity * 110m) + leftoverCash));
    }

    [Test]
    public void The_quantity_never_exceeds_what_the_candle_traded()
    {
        var result = BuyAndHoldBaseline.Run([Bar(0, 100m, 1m)], Btc, Timeframe.OneHour, Start2021, Start2021.AddHours(1), Options);

        Assert.That(result.Entry!.Quantity, Is.EqualTo(1m));
    }

    [Test]
    public void A_candle_without_trades_delays_the_entry_to_the_next_traded_one()
    {
        var result = BuyAndHoldBaseline.Run([Bar(0, 100m, 0m), Bar(1, 101m, 1_000m), Bar(2, 102m, 1_000m)], Btc,
            Timeframe.OneHour, Start2021, Start2021.AddHours(3), Options);

        Assert.That(result.Entry!.Time, Is.EqualTo(Start2021.AddHours(1)));
        Assert.That(result.Curve.Select(p => p.InMarket), Is.EqualTo(new[] { false, false, true, true }));
        Assert.That(result.Metrics.Exposure, Is.EqualTo(2d / 3d));
    }

    [Test]
    public void A_window_without_a_traded_candle_is_refused()
    {
        Assert.That(() => BuyAndHoldBaseline.Run([Bar(0, 100m, 1_000m)], Btc, Timeframe.OneHour, Start2021.AddHours(1),
            Start2021.AddHours(5), Options), Throws.ArgumentException.With.Message.Contains("no traded BTC/USDT candle"));
    }
}
