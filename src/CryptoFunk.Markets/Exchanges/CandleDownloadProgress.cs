namespace CryptoFunk.Markets.Exchanges;

/// <summary>
/// How far a candle download has come, reported after each page so a progress bar can show the share of the
/// requested time range already covered.
/// </summary>
/// <param name="From">Start of the requested range.</param>
/// <param name="To">End of the requested range (exclusive).</param>
/// <param name="CoveredUntil">Everything before this instant has been fetched.</param>
/// <param name="CandleCount">Candles received so far inside the range.</param>
public sealed record CandleDownloadProgress(DateTimeOffset From, DateTimeOffset To, DateTimeOffset CoveredUntil, int CandleCount)
{
    /// <summary>Share of the range covered, from 0 to 1.</summary>
    public double Fraction
    {
        get
        {
            var total = (To - From).Ticks;
            if (total <= 0)
            {
                return 1;
            }

            return Math.Clamp((double)(CoveredUntil - From).Ticks / total, 0, 1);
        }
    }
}
