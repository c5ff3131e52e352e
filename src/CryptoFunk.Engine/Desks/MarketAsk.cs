using CryptoFunk.Markets;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine.Desks;

/// <summary>What the account asks a market's desk at a close: decide on the account as the close found it.</summary>
/// <param name="Symbol">The market.</param>
/// <param name="CloseTime">The close to decide at.</param>
/// <param name="Account">The account as the close found it (after every market settled).</param>
/// <param name="Portfolio">The same account as the hard limits measure it.</param>
/// <param name="Extras">The market's order book and futures sentiment at the close (live); null when the feed has none.</param>
/// <param name="MemoryFrom">The index, in the market's memory events, of the first of <paramref name="Memory"/>.</param>
/// <param name="Memory">What the market's memory learned since the desk was last asked (a desk skips what it knows).</param>
/// <param name="History">The market's history when it grew since the desk was last asked (live data); else null.</param>
public sealed record MarketAsk(
    MarketSymbol Symbol,
    DateTimeOffset CloseTime,
    AccountView Account,
    PortfolioExposure Portfolio,
    MarketExtras? Extras,
    int MemoryFrom,
    IReadOnlyList<MemoryEvent> Memory,
    MarketHistory? History);
