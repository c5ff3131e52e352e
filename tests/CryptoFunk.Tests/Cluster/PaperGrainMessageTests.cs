using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Memory;
using CryptoFunk.Cluster.Paper;
using CryptoFunk.Engine.Desks;
using CryptoFunk.Markets;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace CryptoFunk.Tests.Cluster;

/// <summary>
/// The paper grains' messages survive Orleans' codec whole, including what only live trading sends (order book and
/// futures sentiment) and what a decision's rows hold in a list they own (every agent's row).
/// </summary>
public sealed class PaperGrainMessageTests
{
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset Close = new(2021, 3, 1, 5, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_live_ask_crosses_with_the_account_its_order_book_sentiment_memory_and_history()
    {
        var candle = new Candle(Close.AddHours(-1), 50_000m, 50_500m, 49_800m, 50_200.5m, 12.25m);
        var position = new Position(Btc, PositionSide.Long, 0.1m, 49_000m, 47_000m, 53_000m, Close.AddHours(-5), ["entry:BTC/USDT:2021-03-01T00:00:00Z"], 4.9m);
        var order = new OrderRequest("entry:BTC/USDT:2021-03-01T04:00:00Z", Btc, OrderSide.Buy, OrderType.Market, 0.01m, null, 48_000m, null, Close.AddHours(-1));
        var account = new AccountView(
            9_000m, 10_020m, 10_100m, 0.0079m, [position], [order], new Dictionary<MarketSymbol, Candle> { [Btc] = candle }, new Dictionary<MarketSymbol, ExchangeRules> { [Btc] = new(0.00001m, 0.00001m, 5m, 0.01m) });
        var extras = new MarketExtras(
            new OrderBook(Btc, [new OrderBookLevel(50_200m, 1.5m)], [new OrderBookLevel(50_201m, 0.25m)], 42L, Close),
            new FuturesSentiment(new FundingRate(0.0001m, Close), new OpenInterest(1_000m, 50_000_000m, Close, 990m), new LongShortRatio(1.2m, 0.545m, 0.455m, Close)));
        var memory = new MemoryEvent[]
        {
            new(new MemoryEntry("technical_analysis", Btc, Close.AddHours(-5), "BUY", 0.7m, "\"trend\" up", 49_000m, [0.1, -0.2], position.OpeningOrderIds[0]), null),
            new(null, new TradeResult(position.OpeningOrderIds[0], 1.25m, Close)),
        };
        var ask = new MarketAsk(
            Btc, Close, account, new PortfolioExposure(10_020m, 9_000m, 10_100m, [position]) { RecentWinRate = 0.55m }, extras, 3, memory, new MarketHistory(Btc, Timeframe.OneHour, [candle]));

        // As the grains send it: wrapped, so a grain on the caller's silo gets it uncopied, and serialized to any other.
        var back = RoundTrip(ask.AsImmutable()).Value;

        Assert.Multiple(() =>
        {
            Assert.That(back.Symbol, Is.EqualTo(Btc));
            Assert.That(back.CloseTime, Is.EqualTo(Close));
            Assert.That((back.Account.Cash, back.Account.Equity, back.Account.PeakEquity, back.Account.Drawdown), Is.EqualTo((account.Cash, account.Equity, account.PeakEquity, account.Drawdown)));
            Assert.That(back.Account.Positions.Single() with { OpeningOrderIds = [] }, Is.EqualTo(position with { OpeningOrderIds = [] }));
            Assert.That(back.Account.Positions.Single().OpeningOrderIds, Is.EqualTo(position.OpeningOrderIds));
            Assert.That(back.Account.OpenOrders.Single(), Is.EqualTo(order));
            Assert.That(back.Account.LastCandles[Btc], Is.EqualTo(candle));
            Assert.That(back.Account.Rules[Btc], Is.EqualTo(account.Rules[Btc]));
            Assert.That(back.Portfolio.RecentWinRate, Is.EqualTo(0.55m));
            Assert.That(back.Extras!.OrderBook!.Bids, Is.EqualTo(extras.OrderBook!.Bids));
            Assert.That(back.Extras.OrderBook.Asks, Is.EqualTo(extras.OrderBook.Asks));
            Assert.That(back.Extras.Sentiment, Is.EqualTo(extras.Sentiment));
            Assert.That(back.MemoryFrom, Is.EqualTo(3));
            Assert.That(back.Memory[0].Entry! with { Features = [] }, Is.EqualTo(memory[0].Entry! with { Features = [] }));
            Assert.That(back.Memory[0].Entry!.Features, Is.EqualTo(memory[0].Entry!.Features));
            Assert.That(back.Memory[1], Is.EqualTo(memory[1]));
            Assert.That(back.History!.Symbol, Is.EqualTo(Btc));
            Assert.That(back.History.Timeframe, Is.EqualTo(Timeframe.OneHour));
            Assert.That(back.History.Candles, Is.EqualTo(new[] { candle }));
        });
    }

    [Test]
    public void A_verdict_crosses_with_every_agent_row_of_its_decision()
    {
        var record = new TradingDecisionRecord { RunId = "paper-a", Symbol = "BTC/USDT", DecisionTime = Close, Action = "BUY", Reason = "why", Quantity = 0.01m, Features = [0.5, 1.5] };
        foreach (var agent in new[] { "technical_analysis", "sentiment" })
        {
            record.Agents.Add(new AgentDecisionRecord
            {
                AgentName = agent, AgentType = "analysis", Action = "BUY", Confidence = 0.7m, LlmProvider = "rules", LlmModel = "rules", Reasoning = "r", KeyFactorsJson = "[]", Source = "rules", CostUsd = 0.0001234m,
            });
        }

        var verdict = new MarketVerdict(
            record,
            new OrderRequest("entry:BTC/USDT:2021-03-01T05:00:00Z", Btc, OrderSide.Buy, OrderType.Market, 0.01m, null, 48_000m, 54_000m, Close),
            new DecisionSummary(Btc, Close, TradeAction.Buy, 0.01m, 0.7, "rules", "why"),
            new TradeRefusal(RefusalCodes.DrawdownHalt, "halted"));

        var back = RoundTrip(verdict);

        Assert.Multiple(() =>
        {
            Assert.That(back.Record.Agents.Select(a => (a.AgentName, a.CostUsd)), Is.EqualTo(record.Agents.Select(a => (a.AgentName, a.CostUsd))));
            Assert.That((back.Record.Symbol, back.Record.DecisionTime, back.Record.Quantity, back.Record.Features), Is.EqualTo((record.Symbol, record.DecisionTime, record.Quantity, record.Features)));
            Assert.That(back.Intent, Is.EqualTo(verdict.Intent));
            Assert.That(back.Summary, Is.EqualTo(verdict.Summary));
            Assert.That(back.Halt, Is.EqualTo(verdict.Halt));
        });
    }

    private static T RoundTrip<T>(T value)
    {
        using var services = new ServiceCollection().AddSerializer(PaperGrainsHosting.AddCodec).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        return serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
    }
}
