using CryptoFunk.Markets.Exchanges;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// A live run could not get the exchange's order rules at its start, so it does not trade: its orders could not be
/// checked the way the exchange checks them. Told apart from a failure to fetch candles, so the message says which.
/// </summary>
public sealed class ExchangeRulesUnavailableException(string source, ExchangeException inner)
    : Exception($"could not fetch the order rules from {source} ({inner.Message})", inner);
