using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using static CryptoFunk.Tests.Risk.RiskFixtures;

namespace CryptoFunk.Tests.Risk;

/// <summary>
/// The README's 2021 backtest traded 13 times by mid-January and never again: 4 wins in 13 fixed the Kelly win rate at
/// 0.31, below the 1/3 a 2:1 target needs, and refused trades could never change it. These guard the way out.
/// </summary>
public sealed class WinRateEstimateTests
{
    private static readonly DateTimeOffset Closed = new(2021, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private static readonly RiskLimitsOptions Limits = new();

    [Test]
    public void Before_any_trade_has_closed_there_is_no_estimate_and_the_sizer_uses_the_prior()
    {
        var estimate = WinRateEstimate.From([], Closed, Limits);

        Assert.Multiple(() =>
        {
            Assert.That(estimate, Is.Null);
            Assert.That(Sizer().Size(Proposal(), Portfolio() with { RecentWinRate = estimate }).WinProbability, Is.EqualTo(0.5m));
        });
    }

    [Test]
    public void The_realised_rate_is_shrunk_toward_the_prior_by_pseudo_trades()
    {
        // (4 + 0.5 x 10) / (13 + 10): ten pseudo-trades at the 50% prior.
        Assert.That(WinRateEstimate.From(Trades(wins: 4, losses: 9, Closed), Closed, Limits), Is.EqualTo(9m / 23m));
    }

    [Test]
    public void After_four_wins_in_thirteen_trades_a_two_to_one_trade_still_has_an_edge()
    {
        var trades = Trades(wins: 4, losses: 9, Closed);
        var rate = WinRateEstimate.From(trades, Closed.AddHours(1), Limits);

        var assessment = Gate().Evaluate(Proposal(takeProfit: 110m), Portfolio() with { RecentWinRate = rate }, Market(), null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(rate, Is.GreaterThan(1m / 3m), "a 2:1 target needs p > 1/3");
            Assert.That(assessment.Approved, Is.True, string.Join("; ", assessment.Rejections));
            Assert.That(assessment.Sizing!.KellyQuantity, Is.GreaterThan(0m));
        });
    }

    [Test]
    public void A_worse_start_refuses_trades_for_a_while_but_not_for_ever()
    {
        // 2 wins in 13: (2 + 5) / 23 = 0.304 has no edge at 2:1; a month later each trade counts half: 6 / 16.5 = 0.364.
        var trades = Trades(wins: 2, losses: 11, Closed);
        var now = WinRateEstimate.From(trades, Closed, Limits);
        var monthLater = WinRateEstimate.From(trades, Closed.AddDays(30), Limits);

        var refused = Gate().Evaluate(Proposal(takeProfit: 110m), Portfolio() with { RecentWinRate = now }, Market(), null, llmApproved: true);
        var taken = Gate().Evaluate(Proposal(takeProfit: 110m), Portfolio() with { RecentWinRate = monthLater }, Market(), null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(refused.Approved, Is.False);
            Assert.That(refused.Rejections.Single(), Does.StartWith("no edge"));
            Assert.That(monthLater, Is.EqualTo(6m / 16.5m).Within(1e-20m));
            Assert.That(taken.Approved, Is.True, string.Join("; ", taken.Rejections));
        });
    }

    [Test]
    public void Every_new_outcome_moves_the_estimate()
    {
        var trades = Trades(wins: 4, losses: 9, Closed);
        var before = WinRateEstimate.From(trades, Closed.AddDays(1), Limits)!.Value;

        var afterWin = WinRateEstimate.From([.. trades, Trade(won: true, Closed.AddDays(1))], Closed.AddDays(1), Limits);
        var afterLoss = WinRateEstimate.From([.. trades, Trade(won: false, Closed.AddDays(1))], Closed.AddDays(1), Limits);

        Assert.Multiple(() =>
        {
            Assert.That(afterWin, Is.GreaterThan(before));
            Assert.That(afterLoss, Is.LessThan(before));
        });
    }

    [Test]
    public void Old_trades_weigh_less_than_new_ones()
    {
        var oldLossesNewWins = WinRateEstimate.From([.. Trades(0, 5, Closed), .. Trades(5, 0, Closed.AddDays(60))], Closed.AddDays(60), Limits);
        var oldWinsNewLosses = WinRateEstimate.From([.. Trades(5, 0, Closed), .. Trades(0, 5, Closed.AddDays(60))], Closed.AddDays(60), Limits)!.Value;

        Assert.That(oldLossesNewWins, Is.GreaterThan(0.5m).And.GreaterThan(oldWinsNewLosses));
    }

    [Test]
    public void Bad_prior_strength_and_half_life_name_their_keys()
    {
        var errors = RiskLimitsOptionsValidator.Errors(new RiskLimitsOptions { PriorStrength = 0m, WinRateHalfLife = TimeSpan.Zero });

        Assert.That(errors, Is.EqualTo(new[]
        {
            "Risk:PriorStrength must be positive (got 0)",
            "Risk:WinRateHalfLife must be positive (got 00:00:00)",
        }));
    }

    private static List<ClosedTrade> Trades(int wins, int losses, DateTimeOffset closedAt) =>
        [.. Enumerable.Range(0, wins + losses).Select(i => Trade(won: i < wins, closedAt))];

    private static ClosedTrade Trade(bool won, DateTimeOffset closedAt) => new(
        Btc, PositionSide.Long, 1m, 100m, won ? 110m : 95m, closedAt.AddHours(-5), closedAt, won ? 10m : -5m, won ? 10m : -5m, TimeSpan.FromHours(5), FillReasons.TakeProfit, ["entry"], "exit");
}
