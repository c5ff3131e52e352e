namespace CryptoFunk.Storage;

/// <summary>
/// The database a reading command was pointed at does not exist or holds no CryptoFunk journal; the message names it
/// (without secrets). Reading never creates a database, so a mistyped <c>--db</c> is reported instead of hidden.
/// </summary>
public sealed class JournalUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
