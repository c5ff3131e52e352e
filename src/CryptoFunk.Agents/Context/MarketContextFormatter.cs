using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Context;

/// <summary>
/// Writes a <see cref="MarketSnapshot"/> as the sections every agent reads: the current market, the indicator table
/// with what each reading means, recent prices and, when there is one, the order book; and, for the agents that read
/// it, the futures sentiment. The code computes every number and every label ("oversold", "strong trend", "crowded
/// long"); the model only interprets them.
/// </summary>
public static class MarketContextFormatter
{
    /// <summary>
    /// Adds the market sections for <paramref name="snapshot"/> to <paramref name="builder"/>; the recent prices'
    /// rows come from <paramref name="recentPrices"/> when given (a market's consecutive decisions share them).
    /// </summary>
    public static ContextBuilder AddMarket(this ContextBuilder builder, MarketSnapshot snapshot, RecentPriceRows? recentPrices = null)
    {
        var i = snapshot.Indicators;
        var price = (double)snapshot.Price;
        builder.AddSection("Current Market", string.Join('\n',
            $"Symbol: {snapshot.Symbol}",
            $"Timeframe: {snapshot.Timeframe}",
            $"Decision time: {ContextFormat.Time(snapshot.DecisionTime)}",
            $"Last close: {ContextFormat.Price(snapshot.Price)} (candle opened {ContextFormat.Time(snapshot.LastCandle.OpenTime)})",
            $"Change over the last {snapshot.RecentCandles.Count} candles: {ContextFormat.Percent(Change(snapshot.RecentCandles))}"));

        builder.AddTable(
            "Technical Indicators",
            ["Indicator", "Value", "Reading"],
            [
                ["RSI(14)", ContextFormat.Number(i.Rsi14), Readings.Rsi(i.Rsi14)],
                ["MACD(12,26,9)", ContextFormat.Number(i.Macd), $"signal {ContextFormat.Number(i.MacdSignal)}, histogram {ContextFormat.Number(i.MacdHistogram)}: {Readings.Macd(i, snapshot.PreviousIndicators)}"],
                ["Bollinger(20,2)", $"upper {ContextFormat.Number(i.BollingerUpper)}, middle {ContextFormat.Number(i.BollingerMiddle)}, lower {ContextFormat.Number(i.BollingerLower)}", $"%B {ContextFormat.Number(i.BollingerPercentB, 3)}, width {ContextFormat.Number(i.BollingerWidth, 4)}: {Readings.Bollinger(price, i)}"],
                ["EMA(50) / EMA(200)", $"{ContextFormat.Number(i.Ema50)} / {ContextFormat.Number(i.Ema200)}", Readings.EmaCross(i, snapshot.PreviousIndicators)],
                ["EMA(20)", ContextFormat.Number(i.Ema20), price >= i.Ema20 ? "price above" : "price below"],
                ["ADX(14)", ContextFormat.Number(i.Adx14), $"+DI {ContextFormat.Number(i.PlusDi14)}, -DI {ContextFormat.Number(i.MinusDi14)}: {Readings.Adx(i)}"],
                ["ATR(14)", ContextFormat.Number(i.Atr14), $"{ContextFormat.Percent(i.Atr14 / price)} of price"],
                ["Stochastic(14,3,3)", $"%K {ContextFormat.Number(i.StochasticK)}, %D {ContextFormat.Number(i.StochasticD)}", Readings.Stochastic(i.StochasticK)],
                ["Volume (last candle)", ContextFormat.Price(snapshot.LastCandle.Volume), $"{ContextFormat.Number(VolumeRatio(snapshot.RecentCandles))}x the recent average"],
            ]);

        builder.AddTable(
            $"Recent Prices (last {snapshot.RecentCandles.Count} candles)",
            ["Open time (UTC)", "Open", "High", "Low", "Close", "Volume"],
            recentPrices?.For(snapshot.RecentCandles) ?? snapshot.RecentCandles.Select(RecentPriceRows.Format));

        if (snapshot.OrderBook is { } book && book.BestBid is { } bid && book.BestAsk is { } ask)
        {
            var bidDepth = book.Bids.Take(20).Sum(l => l.Quantity);
            var askDepth = book.Asks.Take(20).Sum(l => l.Quantity);
            var imbalance = bidDepth + askDepth == 0 ? 0 : (double)((bidDepth - askDepth) / (bidDepth + askDepth));
            builder.AddSection("Order Book", string.Join('\n',
                $"Best bid: {ContextFormat.Price(bid.Price)} ({ContextFormat.Price(bid.Quantity)}), best ask: {ContextFormat.Price(ask.Price)} ({ContextFormat.Price(ask.Quantity)})",
                $"Spread: {ContextFormat.Price(ask.Price - bid.Price)} ({ContextFormat.Percent((double)((ask.Price - bid.Price) / ask.Price))})",
                $"Depth of the top 20 levels: bids {ContextFormat.Price(bidDepth)}, asks {ContextFormat.Price(askDepth)}; imbalance {ContextFormat.Number(imbalance, 3)} (+1 all bids, -1 all asks)"));
        }
        else
        {
            builder.AddSection("Order Book", "No order book is available at this decision time (candle data only).");
        }

        return builder;
    }

    /// <summary>
    /// Text telling an agent that no futures positioning is known at this decision (backtests and replays from candle
    /// files, or a live fetch that failed), so it judges sentiment from price action alone rather than pretend.
    /// </summary>
    public const string NoFuturesSentiment =
        "No futures sentiment data (funding rate, open interest, long/short ratio) is available for this decision, so sentiment must be judged from price action alone.";

    /// <summary>
    /// Adds the futures positioning of <paramref name="snapshot"/>'s market (funding rate, open interest, long/short
    /// account ratio, each with its time and reading), or <see cref="NoFuturesSentiment"/> when there is none. Kept
    /// out of <see cref="AddMarket"/> so that only the agents that read it see it.
    /// </summary>
    public static ContextBuilder AddFuturesSentiment(this ContextBuilder builder, MarketSnapshot snapshot)
    {
        const string Title = "Futures Sentiment";
        if (snapshot.Sentiment is not { } sentiment)
        {
            return builder.AddSection(Title, NoFuturesSentiment);
        }

        const string Missing = "not available";
        var funding = sentiment.Funding is { } f
            ? $"{ContextFormat.Rate(f.Rate)} per funding period, settled {ContextFormat.Time(f.Time)}: {Readings.Funding(f.Rate)}"
            : Missing;
        var interest = sentiment.OpenInterest is { } oi
            ? $"{ContextFormat.Price(oi.Quantity)} {snapshot.Symbol.Base} ({ContextFormat.Price(decimal.Round(oi.Value, 2))} {snapshot.Symbol.Quote}) at {ContextFormat.Time(oi.Time)}; "
                + $"{(oi.Change is { } change ? ContextFormat.Percent(change) : ContextFormat.NotAvailable)} since the previous reading: {Readings.OpenInterest(oi.Change)}"
            : Missing;
        var crowd = sentiment.LongShort is { } ls
            ? $"{ContextFormat.Number((double)ls.Ratio)} ({ContextFormat.Share((double)ls.LongShare)} of accounts long, {ContextFormat.Share((double)ls.ShortShare)} short) at {ContextFormat.Time(ls.Time)}: {Readings.LongShort(ls.Ratio)}"
            : Missing;
        return builder.AddSection(Title, string.Join('\n',
            $"Perpetual futures on {snapshot.Symbol}, each reading taken at or before the decision time:",
            $"Funding rate: {funding}",
            $"Open interest: {interest}",
            $"Long/short account ratio: {crowd}"));
    }

    /// <summary>Relative change from the first open to the last close of <paramref name="candles"/>.</summary>
    public static double Change(IReadOnlyList<Candle> candles) =>
        candles.Count == 0 ? double.NaN : (double)((candles[^1].Close - candles[0].Open) / candles[0].Open);

    /// <summary>The last candle's volume over the mean volume of the others.</summary>
    public static double VolumeRatio(IReadOnlyList<Candle> candles)
    {
        if (candles.Count < 2)
        {
            return double.NaN;
        }

        var average = candles.Take(candles.Count - 1).Average(c => (double)c.Volume);
        return average == 0 ? double.NaN : (double)candles[^1].Volume / average;
    }
}
