namespace CryptoFunk.Host.Reports;

/// <summary>How one agent did over a run: how often it answered and from where, and how often its BUY and SELL signals were right.</summary>
/// <param name="Agent">Agent name.</param>
/// <param name="Role"><c>analysis</c>, <c>strategy</c> or <c>risk</c>.</param>
/// <param name="Answers">Answers stored (abstentions included).</param>
/// <param name="Abstentions">Answers that were abstentions.</param>
/// <param name="Fallbacks">Answers that came from a fallback (rules after a failure, hold, budget, a cache after a failure) rather than as designed.</param>
/// <param name="Signals">BUY and SELL answers that could be scored (a close <see cref="AgentScoring.HorizonBars"/> bars later is stored).</param>
/// <param name="Hits">Signals the price moved with over those bars.</param>
/// <param name="MeanConfidence">Average confidence of the scored signals; null without any.</param>
/// <param name="Brier">Mean squared gap between confidence and outcome (0 is perfect, 0.25 is a coin at 0.5); null without signals.</param>
/// <param name="Calibration">The scored signals by confidence range.</param>
internal sealed record AgentScore(
    string Agent,
    string Role,
    int Answers,
    int Abstentions,
    int Fallbacks,
    int Signals,
    int Hits,
    double? MeanConfidence,
    double? Brier,
    IReadOnlyList<CalibrationBucket> Calibration)
{
    /// <summary>Share of scored signals that hit; null without any.</summary>
    public double? HitRate => Signals == 0 ? null : (double)Hits / Signals;
}
