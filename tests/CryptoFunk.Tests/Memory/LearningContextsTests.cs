using CryptoFunk.Agents.Context;
using CryptoFunk.Agents.Memory;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Memory;

/// <summary>The per-desk caches of prompt text write exactly what formatting afresh writes, whatever changed in between.</summary>
public sealed class LearningContextsTests
{
    private const string Technical = "technical_analysis";
    private static readonly MarketSymbol Btc = MarketSymbol.Parse("BTC/USDT");
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_learning_context_is_the_formatted_memory_at_every_decision_even_when_a_later_outcome_replaces_one()
    {
        var memory = new DecisionMemory();
        var texts = new LearningContexts();
        for (var hour = 0; hour < 40; hour++)
        {
            var id = $"o-{hour}";
            memory.Remember(new MemoryEntry(Technical, Btc, T0.AddHours(hour), hour % 2 == 0 ? "BUY" : "SELL", 0.6m, $"reason \"{hour}\"", 42000m + hour, [30.0 + hour, 1.0], id));
            memory.RecordOutcome(id, hour - 20.5m, T0.AddHours(hour + 1));
            if (hour % 7 == 6)
            {
                // A second partial close of an earlier trade: its lines must show the new result.
                memory.RecordOutcome($"o-{hour - 3}", 99.25m, T0.AddHours(hour + 1));
            }

            var recalled = memory.Recall(Technical, Btc, T0.AddHours(hour + 2), [30.0 + hour, 1.0]);
            Assert.That(texts.Text(recalled), Is.EqualTo(recalled.Format()), $"hour {hour}");
        }
    }

    [Test]
    public void Recent_price_rows_are_the_freshly_formatted_rows_even_when_a_candle_is_corrected()
    {
        var rows = new RecentPriceRows();
        var candles = Enumerable.Range(0, 30).Select(i => new Candle(T0.AddHours(i), 100m + i, 101.5m + i, 99m + i, 100.25m + i, 12.5m * i)).ToList();
        for (var last = 5; last < candles.Count; last++)
        {
            if (last == 20)
            {
                // The exchange corrects a candle already shown: its row is written anew.
                candles[18] = candles[18] with { Close = 7m };
            }

            var window = candles[(last - 5)..last];
            Assert.That(rows.For(window), Is.EqualTo(window.Select(RecentPriceRows.Format)), $"window ending {last}");
        }
    }
}
