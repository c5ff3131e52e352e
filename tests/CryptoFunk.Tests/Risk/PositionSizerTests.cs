using CryptoFunk.Trading.Risk;
using static CryptoFunk.Tests.Risk.RiskFixtures;

namespace CryptoFunk.Tests.Risk;

public sealed class PositionSizerTests
{
    [Test]
    public void Risk_cap_is_equity_times_max_risk_over_stop_distance()
    {
        var size = Sizer().Size(Proposal(), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.EqualTo(40m));
            Assert.That(size.BindingLimit, Is.EqualTo(RiskLimit.RiskPerTrade));
            Assert.That(size.RiskCapQuantity, Is.EqualTo(40m));
            Assert.That(size.NotionalCapQuantity, Is.EqualTo(50m));
            Assert.That(size.CashCapQuantity, Is.EqualTo(100m));
            Assert.That(size.RewardToRisk, Is.EqualTo(3m));
            Assert.That(size.ZeroReason, Is.Null);
        });
    }

    [Test]
    public void Fractional_kelly_limits_a_thin_edge()
    {
        // p = 0.35, b = 10 / 5 = 2: stake 0.35 - 0.65 / 2 = 0.025; a quarter of it risks 62.5, over 5 per unit is 12.5.
        var size = Sizer().Size(Proposal(takeProfit: 110m), Portfolio() with { RecentWinRate = 0.35m });

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.EqualTo(12.5m));
            Assert.That(size.KellyQuantity, Is.EqualTo(12.5m));
            Assert.That(size.BindingLimit, Is.EqualTo(RiskLimit.Kelly));
        });
    }

    [Test]
    public void Recent_win_rate_is_used_instead_of_the_prior_and_never_the_confidence()
    {
        var portfolio = Portfolio() with { RecentWinRate = 0.35m };

        var size = Sizer().Size(Proposal(takeProfit: 110m, confidence: 0.9m), portfolio);

        Assert.Multiple(() =>
        {
            Assert.That(size.WinProbability, Is.EqualTo(0.35m));
            Assert.That(size.Quantity, Is.EqualTo(12.5m));
        });
    }

    [Test]
    public void Without_take_profit_only_the_risk_cap_applies_and_the_note_says_so()
    {
        var size = Sizer().Size(Proposal(takeProfit: null, confidence: 0.1m), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.EqualTo(40m));
            Assert.That(size.KellyQuantity, Is.Null);
            Assert.That(size.Notes, Is.EqualTo(new[] { "no take profit, so no reward/risk ratio for Kelly: sized by the risk cap only" }));
        });
    }

    [Test]
    public void Kelly_with_negative_edge_gives_zero_never_negative()
    {
        // p = 0.2, b = 1: 0.2 - 0.8 = -0.6.
        var size = Sizer().Size(Proposal(takeProfit: 105m, confidence: 0.2m), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.Zero);
            Assert.That(size.KellyQuantity, Is.Zero);
            Assert.That(size.BindingLimit, Is.EqualTo(RiskLimit.Kelly));
            Assert.That(size.ZeroReason, Does.StartWith("no edge"));
        });
    }

    [Test]
    public void Position_notional_cap_binds_for_a_tight_stop()
    {
        // Stop 2% away: the risk cap allows 200 / 2 = 100, but 50% of equity at 100 is 50.
        var size = Sizer().Size(Proposal(stop: 98m), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.EqualTo(50m));
            Assert.That(size.BindingLimit, Is.EqualTo(RiskLimit.PositionNotional));
        });
    }

    [Test]
    public void Cash_cap_binds_when_cash_is_short()
    {
        var size = Sizer().Size(Proposal(), Portfolio(cash: 1_500m));

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.EqualTo(15m));
            Assert.That(size.BindingLimit, Is.EqualTo(RiskLimit.Cash));
        });
    }

    [Test]
    public void Negative_cash_gives_zero_with_a_reason()
    {
        var size = Sizer().Size(Proposal(), Portfolio(cash: -50m));

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.Zero);
            Assert.That(size.ZeroReason, Is.EqualTo("no cash is available for a new position"));
        });
    }

    [Test]
    public void Missing_stop_gives_zero_with_a_reason()
    {
        var size = Sizer().Size(Proposal(stop: null), Portfolio());

        Assert.Multiple(() =>
        {
            Assert.That(size.Quantity, Is.Zero);
            Assert.That(size.ZeroReason, Does.Contain("stop away from the entry"));
        });
    }
}
