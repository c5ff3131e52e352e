using CryptoFunk.Agents.Agents;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Rules;
using CryptoFunk.Agents.StructuredOutput;
using CryptoFunk.Indicators;
using CryptoFunk.Markets;
using CryptoFunk.Tests.Support;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Tests.Agents;

/// <summary>Every rules-engine answer fits the output schema of the agent's prompt file, or the agent would abstain.</summary>
public sealed class RulesMatchPromptSchemasTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Cases()
    {
        var book = new OrderBook(MarketSymbol.Parse("BTC/USDT"), [new OrderBookLevel(99.9m, 30m)], [new OrderBookLevel(100.1m, 5m)], 1, T0);
        foreach (var agent in new[] { "technical_analysis", "order_book", "sentiment", "trend_following", "mean_reversion" })
        {
            yield return new TestCaseData(agent, 85m, 25.0, 15.0, 100.0, 100.0, book, null).SetName($"{agent} at an oversold extreme");
            yield return new TestCaseData(agent, 100m, 50.0, 20.0, 100.0, 100.0, null, null).SetName($"{agent} in a neutral market");
            yield return new TestCaseData(agent, 100m, 50.0, 30.0, 105.0, 100.0, null, null).SetName($"{agent} in an uptrend");
            yield return new TestCaseData(agent, 100m, 50.0, 30.0, 95.0, 100.0, null, "long").SetName($"{agent} after a death cross while long");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Rules_answer_validates_against_the_prompt_schema(string agent, decimal close, double rsi, double adx, double ema50, double ema200, OrderBook? book, PositionSide? position)
    {
        using var library = new PromptLibrary(Path.Combine(SharedFiles.RepositoryRoot, "prompts"), watch: false);
        var indicators = new IndicatorValues(100, ema50, ema200, 100, rsi, 0, 0, 0, 110, 100, 90, 0.5, 0.2, 2, adx, 20, 20, 50, 50, 0);
        var candles = Enumerable.Range(0, 24).Select(i => new Candle(T0.AddHours(i), 100, 101, 84, i == 23 ? close : 100, 5)).ToList();
        var snapshot = new MarketSnapshot(MarketSymbol.Parse("BTC/USDT"), Timeframe.OneHour, T0.AddHours(24), candles, indicators, indicators, book);

        var answer = new TradingRulesEngine().RuleFor(agent)!.Answer(new DecisionSituation(snapshot, position));

        if (answer is null)
        {
            Assert.That(agent == "order_book" && book is null, Is.True, "only the order-book agent may have no answer, and only without an order book");
            return;
        }

        var output = answer.ToJson();
        var errors = JsonSchemaValidator.Validate(output, library.Get(agent).OutputSchema!.Value);
        Assert.That(errors, Is.Empty, output.GetRawText());
        var stored = AgentResponses.Rules(answer) with { Answer = null };
        AgentAnswer? reread = answer switch
        {
            AnalysisSignal => AnalysisSignal.From(stored),
            StrategyProposal => StrategyProposal.From(stored),
            _ => null,
        };
        Assert.That(reread?.ToJson().GetRawText(), Is.EqualTo(output.GetRawText()), "the typed answer and its stored JSON read back say the same");
    }
}
