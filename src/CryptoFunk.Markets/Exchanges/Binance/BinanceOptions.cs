namespace CryptoFunk.Markets.Exchanges.Binance;

/// <summary>
/// Settings of the Binance public REST client, bound from the configuration section <see cref="SectionName"/>
/// (for example the environment variable <c>CRYPTOFUNK_Exchange__Binance__BaseUrl</c>). Every duration is a
/// <see cref="TimeSpan"/> so that no unit has to be guessed.
/// </summary>
public sealed class BinanceOptions
{
    /// <summary>The configuration section these options are read from.</summary>
    public const string SectionName = "Exchange:Binance";

    /// <summary>Root of the REST API; tests point it at a local fake server.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.binance.com");

    /// <summary>
    /// Root of the public USDⓈ-M futures API, read for sentiment (funding, open interest, long/short ratio); tests
    /// point it at a local fake server.
    /// </summary>
    public Uri FuturesBaseUrl { get; set; } = new("https://fapi.binance.com");

    /// <summary>Longest time one request (sending it and reading the whole answer) may take before it is cut.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Binance's <c>REQUEST_WEIGHT</c> limit per IP and minute (6000 on spot since 2023-08-25, as listed by
    /// <c>/api/v3/exchangeInfo</c>).
    /// </summary>
    public int MaxRequestWeightPerMinute { get; set; } = 6000;

    /// <summary>
    /// Share of <see cref="MaxRequestWeightPerMinute"/> left unused, because other programs on the same IP count
    /// against the same limit (0.2 keeps us at 4800 of 6000).
    /// </summary>
    public double RequestWeightSafetyMargin { get; set; } = 0.2;

    /// <summary>How often a request is retried after HTTP 429, HTTP 5xx, a timeout or a network error.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First wait before retrying a 5xx, timeout or network error; doubled on each further attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest <c>Retry-After</c> of an HTTP 429 we are willing to sit out; a longer one fails the request instead of
    /// blocking silently.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The weight budget actually used per minute: the limit less the safety margin.</summary>
    internal int RequestWeightBudgetPerMinute => (int)(MaxRequestWeightPerMinute * (1 - RequestWeightSafetyMargin));
}
