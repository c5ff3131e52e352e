using CryptoFunk.Markets;

namespace CryptoFunk.Storage;

/// <summary>
/// One run's decisions as a training set: each decision as stored, with the market's move over the next bars as a
/// label for every decision (not only those that traded), each label stamped with when it became known so a model is
/// trained without look-ahead.
/// </summary>
/// <param name="Run">The run.</param>
/// <param name="Timeframe">The run's bar length.</param>
/// <param name="Decisions">Every decision of the run, oldest first.</param>
public sealed record DecisionDataset(TradingRunRecord Run, Timeframe Timeframe, IReadOnlyList<DatasetDecision> Decisions)
{
    /// <summary>
    /// Labels <paramref name="decisions"/> (oldest first, with their agents) with the close <paramref name="horizonBars"/>
    /// bars later, read from the run's own later decision on that bar; a decision with no stored decision that far
    /// ahead (the run's end, or a close missed while a paper account was down) has no forward label.
    /// </summary>
    public static DecisionDataset From(TradingRunRecord run, IReadOnlyList<TradingDecisionRecord> decisions, int horizonBars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizonBars, 1);
        var timeframe = Timeframe.Parse(run.Interval);
        var candles = decisions
            .Select(d => (Decision: d, Candle: StoredCandle.From(d.MarketDataJson)))
            .ToList();
        var byBar = candles
            .Where(c => c.Candle is not null)
            .ToDictionary(c => (c.Decision.Symbol, c.Candle!.Value.OpenTime), c => c.Candle!.Value);
        return new DecisionDataset(run, timeframe, [.. candles.Select(c => new DatasetDecision(c.Decision, Forward(c.Decision.Symbol, c.Candle)))]);

        ForwardReturn? Forward(string symbol, Candle? from)
        {
            if (from is not { } start || !byBar.TryGetValue((symbol, start.OpenTime + (timeframe.Duration * horizonBars)), out var end))
            {
                return null;
            }

            return new ForwardReturn(horizonBars, end.Close, (end.Close - start.Close) / start.Close * 100m, end.OpenTime + timeframe.Duration);
        }
    }
}
