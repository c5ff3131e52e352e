namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// The request weight Binance charges each call, from the spot REST documentation (weights as revised
/// 2023-08-25, unchanged since): the limiter reserves these before sending, and the
/// <c>X-MBX-USED-WEIGHT-1M</c> answer header corrects the count afterwards.
/// </summary>
internal static class BinanceRequestWeights
{
    /// <summary>Largest order book Binance serves; a larger limit is truncated by the server.</summary>
    public const int MaxDepthLimit = 5000;

    /// <summary><c>GET /api/v3/klines</c> weighs 2 whatever its <c>limit</c> (1 to 1000).</summary>
    public const int Klines = 2;

    /// <summary><c>GET /api/v3/exchangeInfo</c> weighs 20, with or without <c>symbols</c>.</summary>
    public const int ExchangeInfo = 20;

    /// <summary><c>GET /api/v3/ticker/24hr</c> with one <c>symbol</c> weighs 2 (80 without one).</summary>
    public const int Ticker24hOneSymbol = 2;

    /// <summary>
    /// <c>GET /fapi/v1/fundingRate</c>, <c>/futures/data/openInterestHist</c> and <c>/futures/data/globalLongShortAccountRatio</c>:
    /// Binance limits these by request count per 5 minutes (500 and 1000 per IP) rather than by spot weight; charging 1
    /// each keeps them inside the shared budget all the same.
    /// </summary>
    public const int FuturesStatistics = 1;

    /// <summary><c>GET /api/v3/depth</c>: 5 up to 100 levels, 25 up to 500, 50 up to 1000, 250 up to 5000.</summary>
    public static int Depth(int limit) => limit switch
    {
        <= 100 => 5,
        <= 500 => 25,
        <= 1000 => 50,
        _ => 250,
    };
}
