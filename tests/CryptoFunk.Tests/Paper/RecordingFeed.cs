using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;

namespace CryptoFunk.Tests.Paper;

/// <summary>
/// Passes a feed's closes through to the trading loop and keeps what each one handed over and when (on the feed's
/// clock), so a test can check what the decisions were made on; <see cref="BeforeClose"/> scripts the exchange before
/// the next close is fetched.
/// </summary>
internal sealed class RecordingFeed(MarketFeed inner, TimeProvider clock) : MarketFeed
{
    /// <summary>Called with the number of closes delivered so far, before the next one is asked for.</summary>
    public Action<int>? BeforeClose { get; init; }

    /// <summary>Every close delivered, with the clock's time when it was.</summary>
    public List<(MarketClose Close, DateTimeOffset DeliveredAt)> Closes { get; } = [];

    public override string Source => inner.Source;

    public override bool HasOrderBooks => inner.HasOrderBooks;

    public override Task<IReadOnlyList<MarketHistory>> StartAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        inner.StartAsync(since, cancellationToken);

    protected override Task<IReadOnlyDictionary<MarketSymbol, ExchangeRules>?> ExchangeRulesCoreAsync(CancellationToken cancellationToken) =>
        inner.ExchangeRulesAsync(cancellationToken);

    protected override void ResumeFromCore(DateTimeOffset time) => inner.ResumeFrom(time);

    protected override async Task<MarketClose?> NextCloseCoreAsync(CancellationToken cancellationToken)
    {
        BeforeClose?.Invoke(Closes.Count);
        var close = await inner.NextCloseAsync(cancellationToken);
        if (close is not null)
        {
            Closes.Add((close, clock.GetUtcNow()));
        }

        return close;
    }
}
