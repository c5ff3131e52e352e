using CryptoFunk.Indicators;

namespace CryptoFunk.Markets;

/// <summary>
/// One OHLCV bar as the exchange reported it. Prices and volume are <see cref="decimal"/> so the values
/// read from an exchange or a file are kept exactly; indicator math converts them once to <see cref="double"/>
/// through <see cref="QuoteColumns"/>.
/// </summary>
/// <param name="OpenTime">Start of the bar, UTC.</param>
/// <param name="Open">First traded price in the bar.</param>
/// <param name="High">Highest traded price in the bar.</param>
/// <param name="Low">Lowest traded price in the bar.</param>
/// <param name="Close">Last traded price in the bar.</param>
/// <param name="Volume">Traded quantity in the base asset; zero is valid (a bar with no trades).</param>
public readonly record struct Candle(
    DateTimeOffset OpenTime,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume);
