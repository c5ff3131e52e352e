using CryptoFunk.Markets;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using static CryptoFunk.Tests.Risk.RiskFixtures;

namespace CryptoFunk.Tests.Risk;

/// <summary>
/// The gate's last step: the quantity the limits allow is rounded down to the exchange's step (never up), and a trade
/// the exchange would refuse is refused here, with a counted code, instead of reaching the broker as dust.
/// </summary>
public sealed class RiskGateExchangeRulesTests
{
    private static readonly ExchangeRules BtcRules = ExchangeRulesConfiguration.BinanceSpot[Btc];

    private static MarketCheck BtcMarket(decimal price) => Market(price) with { Rules = BtcRules };

    [Test]
    public void The_allowed_quantity_is_rounded_down_to_the_step_and_the_metrics_follow()
    {
        var assessment = Gate().Evaluate(Proposal(quantity: 0.123456789m), Portfolio(), BtcMarket(100m), llmApprovedQuantity: null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.True);
            Assert.That(assessment.Quantity, Is.EqualTo(0.12345m));
            Assert.That(assessment.Metrics.RiskAmount, Is.EqualTo(0.12345m * 5m));
            Assert.That(assessment.Clamps, Is.Empty, "rounding to the step is not a limit's cut");
        });
    }

    [Test]
    public void A_capital_too_small_for_the_minimum_quantity_is_refused_naming_the_quantity_and_the_minimum()
    {
        var assessment = Gate().Evaluate(
            Proposal(entry: 40_000m, stop: 39_000m, takeProfit: 43_000m), Portfolio(equity: 0.01m), BtcMarket(40_000m), llmApprovedQuantity: null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.False);
            Assert.That(assessment.Quantity, Is.Zero);
            Assert.That(assessment.Refusals.Single().Code, Is.EqualTo(RefusalCodes.BelowMinQuantity));
            Assert.That(assessment.Rejections.Single(), Is.EqualTo("0.000000125 BTC is below the minimum quantity 0.00001 BTC of BTC/USDT"));
        });
    }

    [Test]
    public void A_trade_worth_less_than_the_minimum_order_value_is_refused_at_the_market_price()
    {
        var assessment = Gate().Evaluate(Proposal(quantity: 0.04m), Portfolio(), BtcMarket(100m), llmApprovedQuantity: null, llmApproved: true);

        Assert.Multiple(() =>
        {
            Assert.That(assessment.Approved, Is.False);
            Assert.That(assessment.Refusals.Single().Code, Is.EqualTo(RefusalCodes.BelowMinNotional));
            Assert.That(assessment.Rejections.Single(), Is.EqualTo("0.04 BTC at 100 is worth 4 USDT, below the minimum order value 5 USDT of BTC/USDT"));
        });
    }

    [Test]
    public void Without_exchange_rules_nothing_is_rounded()
    {
        var assessment = Gate().Evaluate(Proposal(quantity: 0.123456789m), Portfolio(), Market(), llmApprovedQuantity: null, llmApproved: true);

        Assert.That(assessment.Quantity, Is.EqualTo(0.123456789m));
    }
}
