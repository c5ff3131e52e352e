using CryptoFunk.Storage;

namespace CryptoFunk.Host.Reports;

/// <summary>
/// Scores each agent from its stored answers against the stored closes: a BUY hits when the close
/// <see cref="HorizonBars"/> decisions later is higher, a SELL when it is lower. Confidence is then compared with how
/// often it hit, per range, so a report shows whether an agent's 0.8 means more than its 0.6.
/// </summary>
internal static class AgentScoring
{
    /// <summary>How many bars after a signal its outcome is read.</summary>
    public const int HorizonBars = 24;

    private static readonly double[] BucketEdges = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];

    /// <summary>One score per agent, in the order the agents first answered.</summary>
    public static IReadOnlyList<AgentScore> Score(IReadOnlyList<ReportAgentRow> answers, IReadOnlyList<ReportDecisionRow> decisions)
    {
        var later = LaterCloses(decisions);
        return
        [
            .. answers.GroupBy(a => a.Agent).Select(agent =>
            {
                var scored = agent
                    .Where(a => !a.Abstained && a.Action is "BUY" or "SELL")
                    .Select(a => (Answer: a, Now: later.GetValueOrDefault((a.Symbol, a.Time))))
                    .Where(a => a.Now is { Close: not null, Later: not null })
                    .Select(a => (Confidence: (double)a.Answer.Confidence, Hit: a.Answer.Action == "BUY" ? a.Now.Later > a.Now.Close : a.Now.Later < a.Now.Close))
                    .ToList();
                return new AgentScore(
                    agent.Key,
                    agent.First().AgentType,
                    agent.Count(),
                    agent.Count(a => a.Abstained),
                    agent.Count(a => a.Degraded && !a.Abstained),
                    scored.Count,
                    scored.Count(s => s.Hit),
                    scored.Count == 0 ? null : scored.Average(s => s.Confidence),
                    scored.Count == 0 ? null : scored.Average(s => Math.Pow(s.Confidence - (s.Hit ? 1 : 0), 2)),
                    Buckets(scored));
            }),
        ];
    }

    private static List<CalibrationBucket> Buckets(List<(double Confidence, bool Hit)> scored) =>
    [
        .. Enumerable.Range(0, BucketEdges.Length - 1)
            .Select(i => (Low: BucketEdges[i], High: BucketEdges[i + 1], Members: scored.Where(s => s.Confidence >= BucketEdges[i] && (s.Confidence < BucketEdges[i + 1] || i == BucketEdges.Length - 2)).ToList()))
            .Where(b => b.Members.Count > 0)
            .Select(b => new CalibrationBucket(b.Low, b.High, b.Members.Count, b.Members.Count(m => m.Hit), b.Members.Average(m => m.Confidence))),
    ];

    /// <summary>For every (symbol, decision time): its close and the close <see cref="HorizonBars"/> decisions later.</summary>
    private static Dictionary<(string, DateTimeOffset), (decimal? Close, decimal? Later)> LaterCloses(IReadOnlyList<ReportDecisionRow> decisions)
    {
        var closes = new Dictionary<(string, DateTimeOffset), (decimal?, decimal?)>();
        foreach (var market in decisions.GroupBy(d => d.Symbol))
        {
            var rows = market.ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                closes[(market.Key, rows[i].Time)] = (rows[i].Close, i + HorizonBars < rows.Count ? rows[i + HorizonBars].Close : null);
            }
        }

        return closes;
    }
}
