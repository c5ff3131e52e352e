namespace CryptoFunk.Markets.Exchanges;

/// <summary>
/// The exchange answered, but not in the shape or with the values we rely on (bad JSON, a missing column,
/// a price that is not a number). Never retried: the same request would get the same answer.
/// </summary>
public sealed class ExchangeResponseException : ExchangeException
{
    /// <summary>Creates the exception; the message names the request and the offending row or field.</summary>
    public ExchangeResponseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the parser's own failure attached.</summary>
    public ExchangeResponseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
