using System.Globalization;
using CryptoFunk.Cluster.Sweeps;

namespace CryptoFunk.Host.Output;

/// <summary>
/// The whole sweep's progress on standard error, one line per backtest as it ends (<c>sweep: 3 of 8 backtests done</c>,
/// which combination and market, where it ran), and a line for each backtest lost with its silo and tried again; the
/// lines come from several workers at once and are written whole.
/// </summary>
internal sealed class SweepProgressLog(TextWriter error) : IProgress<SweepProgress>
{
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public void Report(SweepProgress value)
    {
        var order = value.Latest.Order;
        var how = value.Latest.Result is { } result
            ? string.Create(CultureInfo.InvariantCulture, $"on {result.Silo}: return {result.TotalReturn * 100m:0.00}%")
            : $"failed: {value.Latest.Error}";
        var line = value.TriedAgain
            ? $"sweep: #{order.Combination} {order.Symbol} {value.Latest.Error}; trying it again (try {order.Attempt + 1} of {SweepDispatcher.MaxAttempts})"
            : $"sweep: {value.Done} of {value.Total} backtests done (#{order.Combination} {order.Symbol} {how})";
        lock (_lock)
        {
            error.WriteLine(line);
        }
    }
}
