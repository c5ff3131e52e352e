using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Performance;

namespace CryptoFunk.Tests.Backtesting;

public sealed class PerformanceCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2021, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");

    private static List<EquityPoint> Hourly(params decimal[] equity) =>
        [.. equity.Select((value, i) => new EquityPoint(T0 + (i * Hour), value))];

    private static PerformanceMetrics Compute(IReadOnlyList<EquityPoint> curve, IReadOnlyList<ClosedTrade>? trades = null,
        TimeSpan? bar = null) =>
        PerformanceCalculator.Compute(curve, trades ?? [], 0m, bar ?? Hour);

    private static ClosedTrade Trade(decimal profitAndLoss, decimal percent) =>
        new(Btc, PositionSide.Long, 1m, 100m, 100m + profitAndLoss, T0, T0 + Hour, profitAndLoss, percent, Hour,
            FillReasons.Market, ["o"], "x");

    [Test]
    public void Total_return_is_final_over_initial_minus_one()
    {
        var metrics = Compute(Hourly(10_000m, 11_000m, 12_000m));

        Assert.That(metrics.InitialEquity, Is.EqualTo(10_000m));
        Assert.That(metrics.FinalEquity, Is.EqualTo(12_000m));
        Assert.That(metrics.TotalReturn, Is.EqualTo(0.2m));
    }

    [Test]
    public void Cagr_over_exactly_one_year_equals_the_total_return()
    {
        var day = TimeSpan.FromDays(1);
        var curve = new List<EquityPoint> { new(T0, 10_000m), new(T0 + TimeSpan.FromDays(365.25), 12_000m) };

        Assert.That(Compute(curve, bar: day).Cagr, Is.EqualTo(0.2).Within(1e-12));
    }

    [Test]
    public void Cagr_over_two_years_is_the_yearly_compound_rate()
    {
        var curve = new List<EquityPoint> { new(T0, 10_000m), new(T0 + TimeSpan.FromDays(730.5), 14_400m) };

        Assert.That(Compute(curve, bar: TimeSpan.FromDays(1)).Cagr, Is.EqualTo(0.2).Within(1e-12));
    }

    [Test]
    public void Cagr_is_null_when_the_curve_spans_less_than_one_bar() =>
        Assert.That(Compute(Hourly(10_000m, 10_100m), bar: TimeSpan.FromDays(1)).Cagr, Is.Null);

    [Test]
    public void Max_drawdown_is_the_largest_fall_from_a_running_peak() =>
        Assert.That(Compute(Hourly(10_000m, 12_000m, 9_000m, 11_000m)).MaxDrawdown, Is.EqualTo(0.25m));

    [Test]
    public void Max_drawdown_is_zero_for_a_curve_that_never_falls() =>
        Assert.That(Compute(Hourly(10_000m, 10_000m, 10_500m)).MaxDrawdown, Is.Zero);

    [Test]
    public void Sharpe_and_sortino_are_annualised_from_hourly_returns_with_365_25_day_years()
    {
        // Returns +1%, -1%, +2%: 10000 -> 10100 -> 9999 -> 10198.98.
        var metrics = Compute(Hourly(10_000m, 10_100m, 9_999m, 10_198.98m));

        double[] r = [0.01, -0.01, 0.02];
        var mean = r.Average();
        var sampleDeviation = Math.Sqrt(r.Sum(x => (x - mean) * (x - mean)) / (r.Length - 1));
        var downsideDeviation = Math.Sqrt(0.01 * 0.01 / 3);
        var periodsPerYear = 365.25 * 24;
        Assert.That(metrics.Sharpe, Is.EqualTo(mean / sampleDeviation * Math.Sqrt(periodsPerYear)).Within(1e-9));
        Assert.That(metrics.Sortino, Is.EqualTo(mean / downsideDeviation * Math.Sqrt(periodsPerYear)).Within(1e-9));
        Assert.That(metrics.Sharpe, Is.EqualTo(40.862).Within(0.001));
        Assert.That(metrics.Sortino, Is.EqualTo(108.111).Within(0.001));
    }

    [Test]
    public void Sharpe_uses_the_bar_interval_for_annualisation()
    {
        var curve = Hourly(10_000m, 10_100m, 9_999m, 10_198.98m);

        var hourly = Compute(curve).Sharpe!.Value;
        var daily = Compute(curve, bar: TimeSpan.FromDays(1)).Sharpe!.Value;

        Assert.That(hourly / daily, Is.EqualTo(Math.Sqrt(24)).Within(1e-12));
    }

    [Test]
    public void Sharpe_is_null_when_every_return_is_the_same()
    {
        Assert.That(Compute(Hourly(10_000m, 10_000m, 10_000m)).Sharpe, Is.Null);
        Assert.That(Compute(Hourly(10_000m, 10_100m, 10_201m, 10_303.01m)).Sharpe, Is.Null);
    }

    [Test]
    public void Sharpe_is_null_with_a_single_return() =>
        Assert.That(Compute(Hourly(10_000m, 9_000m)).Sharpe, Is.Null);

    [Test]
    public void Sortino_is_null_when_no_return_is_negative() =>
        Assert.That(Compute(Hourly(10_000m, 10_100m, 10_100m, 10_300m)).Sortino, Is.Null);

    [Test]
    public void Win_rate_and_average_trade_come_from_the_closed_trades()
    {
        var metrics = Compute(Hourly(10_000m, 10_010m), [Trade(10m, 10m), Trade(-5m, -5m), Trade(3m, 3m), Trade(0m, 0m)]);

        Assert.That(metrics.Trades, Is.EqualTo(4));
        Assert.That(metrics.Wins, Is.EqualTo(2));
        Assert.That(metrics.WinRate, Is.EqualTo(0.5));
        Assert.That(metrics.AverageTradePnlPercent, Is.EqualTo(2m));
    }

    [Test]
    public void Trade_statistics_are_null_without_trades()
    {
        var metrics = Compute(Hourly(10_000m, 10_010m));

        Assert.That(metrics.Trades, Is.Zero);
        Assert.That(metrics.Wins, Is.Zero);
        Assert.That(metrics.WinRate, Is.Null);
        Assert.That(metrics.AverageTradePnlPercent, Is.Null);
    }

    [Test]
    public void Exposure_is_the_fraction_of_bars_ending_with_a_position()
    {
        List<EquityPoint> curve =
        [
            new(T0, 10_000m),
            new(T0 + Hour, 10_000m, InMarket: true),
            new(T0 + (2 * Hour), 10_100m, InMarket: true),
            new(T0 + (3 * Hour), 10_100m),
        ];

        Assert.That(Compute(curve).Exposure, Is.EqualTo(2d / 3d));
    }

    [Test]
    public void Fees_are_reported_as_given() =>
        Assert.That(PerformanceCalculator.Compute(Hourly(10_000m, 10_010m), [], 12.5m, Hour).FeesPaid, Is.EqualTo(12.5m));

    [Test]
    public void A_single_point_has_no_return_statistics()
    {
        var metrics = Compute(Hourly(10_000m));

        Assert.That(metrics.TotalReturn, Is.Zero);
        Assert.That(metrics.MaxDrawdown, Is.Zero);
        Assert.That(metrics.Cagr, Is.Null);
        Assert.That(metrics.Sharpe, Is.Null);
        Assert.That(metrics.Sortino, Is.Null);
        Assert.That(metrics.Exposure, Is.Null);
    }

    [Test]
    public void Invalid_curves_are_refused_with_the_reason()
    {
        Assert.That(() => Compute([]), Throws.ArgumentException.With.Message.Contains("empty"));
        Assert.That(() => Compute([new(T0, 10_000m), new(T0, 10_100m)]),
            Throws.ArgumentException.With.Message.Contains("times must strictly increase"));
        Assert.That(() => Compute(Hourly(10_000m, 0m)), Throws.ArgumentException.With.Message.Contains("positive equity"));
        Assert.That(() => Compute(Hourly(10_000m), bar: TimeSpan.Zero), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
