namespace CryptoFunk.Host.Commands;

/// <summary>The candles or the window asked for do not fit together (wrong interval, too few bars, a bad time); a bad input.</summary>
internal sealed class WindowException(string message) : Exception(message);
