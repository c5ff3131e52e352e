using System.Net;

namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Binance refused a request with its error body <c>{"code":-1121,"msg":"Invalid symbol."}</c>; the code and
/// message are kept so callers can tell an unknown symbol (-1121) from other refusals.
/// </summary>
public sealed class BinanceApiException : ExchangeException
{
    /// <summary>Creates the exception for the refused <paramref name="request"/>.</summary>
    public BinanceApiException(string request, HttpStatusCode statusCode, int code, string binanceMessage)
        : base($"Binance refused {request}: HTTP {(int)statusCode}, error {code}: {binanceMessage}")
    {
        StatusCode = statusCode;
        Code = code;
        BinanceMessage = binanceMessage;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Binance's error code, such as -1121 (invalid symbol).</summary>
    public int Code { get; }

    /// <summary>Binance's error text, such as <c>Invalid symbol.</c></summary>
    public string BinanceMessage { get; }
}
