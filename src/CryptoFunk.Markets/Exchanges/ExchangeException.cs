namespace CryptoFunk.Markets.Exchanges;

/// <summary>
/// An exchange request failed for good (after any retries): unreachable, timed out, refused or answered nonsense.
/// The message is one line a user can act on; callers catch this one type to report exchange trouble.
/// </summary>
public class ExchangeException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public ExchangeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and the underlying failure.</summary>
    public ExchangeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
