using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Markets;
using static CryptoFunk.Tests.Orchestration.DecisionFixtures;

namespace CryptoFunk.Tests.Agents;

/// <summary>
/// Futures positioning as the sentiment agent reads it: every reading with its time and what code makes of it, a
/// plain "none available" when there is none, and the rules' contrarian reading of a crowd that pays to lean one way.
/// </summary>
public sealed class FuturesSentimentTests
{
    private static readonly DateTimeOffset Decision = Start.AddHours(300);

    private static FuturesSentiment Sentiment(decimal funding, decimal longShare) => new(
        new FundingRate(funding, Decision.AddHours(-4)),
        new OpenInterest(81_000m, 5_400_000_000.123m, Decision, PreviousQuantity: 80_000m),
        new LongShortRatio(decimal.Round(longShare / (1m - longShare), 4), longShare, 1m - longShare, Decision));

    private static AnalysisSignal Ask(MarketSnapshot snapshot) =>
        (AnalysisSignal)new TradingRulesEngine().RuleFor("sentiment")!.Answer(new DecisionSituation(snapshot, null))!;

    [Test]
    public void The_context_shows_each_reading_with_its_time_and_what_it_means()
    {
        var snapshot = Snapshot() with { Sentiment = Sentiment(0.0001m, 0.6m) };

        var text = DecisionInputs.For(new DecisionSituation(snapshot, null)).Arguments["futures_sentiment"] as string;

        Assert.That(text, Is.EqualTo("""
            ## Futures Sentiment

            Perpetual futures on BTC/USDT, each reading taken at or before the decision time:
            Funding rate: +0.0100% per funding period, settled 2024-01-13T08:00:00Z: normal
            Open interest: 81000 BTC (5400000000.12 USDT) at 2024-01-13T12:00:00Z; +1.25% since the previous reading: rising: positions being opened
            Long/short account ratio: 1.50 (60% of accounts long, 40% short) at 2024-01-13T12:00:00Z: balanced

            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void A_missing_reading_is_named_as_not_available()
    {
        var snapshot = Snapshot() with { Sentiment = Sentiment(0.0001m, 0.6m) with { OpenInterest = null } };

        var text = new ContextBuilder().AddFuturesSentiment(snapshot).Build();

        Assert.That(text, Does.Contain("Open interest: not available\n").And.Contain("Funding rate: +0.0100%"));
    }

    [Test]
    public void Without_futures_data_the_sentiment_agent_is_told_none_is_available_and_the_market_context_is_unchanged()
    {
        var snapshot = Snapshot();

        var arguments = DecisionInputs.For(new DecisionSituation(snapshot, null)).Arguments;

        Assert.Multiple(() =>
        {
            Assert.That(arguments["futures_sentiment"], Is.EqualTo($"## Futures Sentiment\n\n{MarketContextFormatter.NoFuturesSentiment}\n"));
            Assert.That(MarketContextFormatter.NoFuturesSentiment, Does.Contain("No futures sentiment data (funding rate, open interest, long/short ratio) is available").And.Contain("price action alone"));
            Assert.That((string)arguments["market_context"]!, Does.Not.Contain("Futures"), "only the agents whose prompt asks for it read it");
        });
    }

    [Test]
    public void Crowded_longs_paying_high_funding_are_read_as_contrarian_caution()
    {
        var answer = Ask(Snapshot() with { Sentiment = Sentiment(Readings.HighFunding, 0.7m) });

        Assert.Multiple(() =>
        {
            Assert.That(answer.Signal, Is.EqualTo(TradeAction.Sell));
            Assert.That(answer.Reasoning, Does.Contain("crowded longs paying high funding"));
            Assert.That(answer.KeyFactors, Does.Contain("funding +0.0500% (high: longs pay a rich premium (crowded longs))").And.Contain("long/short accounts 2.33 (crowded long)"));
        });
    }

    [Test]
    public void Crowded_shorts_paying_to_stay_short_are_read_as_a_contrarian_buy()
    {
        var answer = Ask(Snapshot() with { Sentiment = Sentiment(-0.0002m, 0.3m) });

        Assert.Multiple(() =>
        {
            Assert.That(answer.Signal, Is.EqualTo(TradeAction.Buy));
            Assert.That(answer.Reasoning, Does.Contain("crowded shorts"));
        });
    }

    [Test]
    public void Without_futures_data_or_without_a_crowd_extreme_the_rule_reads_price_action_as_before()
    {
        var snapshot = Snapshot();

        var without = Ask(snapshot);
        var balanced = Ask(snapshot with { Sentiment = Sentiment(0.0001m, 0.6m) });
        var onlyFunding = Ask(snapshot with { Sentiment = new FuturesSentiment(new FundingRate(0.001m, Decision), null, null) });

        Assert.Multiple(() =>
        {
            Assert.That(without.KeyFactors, Has.Count.EqualTo(2), "the change and RSI, as before futures data existed");
            Assert.That(without.KeyFactors.Any(f => f.Contains("funding", StringComparison.Ordinal)), Is.False);
            Assert.That(balanced.Signal, Is.EqualTo(without.Signal));
            Assert.That(balanced.Reasoning, Is.EqualTo(without.Reasoning));
            Assert.That(balanced.KeyFactors, Is.EqualTo(without.KeyFactors.Concat(["funding +0.0100% (normal)", "long/short accounts 1.50 (balanced)"])));
            Assert.That(onlyFunding.Reasoning, Is.EqualTo(without.Reasoning), "high funding alone, without the accounts to show a crowd, is no extreme");
        });
    }
}
