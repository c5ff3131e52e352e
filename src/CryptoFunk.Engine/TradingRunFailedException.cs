namespace CryptoFunk.Engine;

/// <summary>A paper run stopped by an error; the run is stored as failed and the message names the cause.</summary>
public sealed class TradingRunFailedException(string message, Exception innerException) : Exception(message, innerException);
