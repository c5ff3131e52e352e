using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Reports;

/// <summary>What the run's answers took from the models: calls by where they were served, tokens, cost, and the latency of answers a provider served.</summary>
internal sealed record ModelUsage(
    int Live,
    int Cached,
    int Replayed,
    int Refused,
    long InputTokens,
    long OutputTokens,
    decimal CostUsd,
    double? LatencyP50Ms,
    double? LatencyP95Ms)
{
    /// <summary>Sums the stored answers; latency percentiles (nearest rank) over the answers that made a live call.</summary>
    public static ModelUsage Of(IReadOnlyList<ReportAgentRow> answers)
    {
        var latencies = answers.Where(a => a.CallsLive > 0).Select(a => a.LatencyMs).Order().ToArray();
        return new ModelUsage(
            answers.Sum(a => a.CallsLive),
            answers.Sum(a => a.CallsCached),
            answers.Sum(a => a.CallsReplayed),
            answers.Sum(a => a.CallsRefused),
            answers.Sum(a => a.InputTokens),
            answers.Sum(a => a.OutputTokens),
            answers.Sum(a => a.CostUsd),
            Percentile.NearestRank(latencies, 0.50),
            Percentile.NearestRank(latencies, 0.95));
    }
}
