using CryptoFunk.Agents.Answers;
using CryptoFunk.Agents.Context;

namespace CryptoFunk.Agents.Orchestration;

/// <summary>
/// The analysis agents' confidence-weighted vote. Agents that failed or abstained do not vote (they are listed, and
/// make the decision degraded); they are never counted as a neutral HOLD. Fewer voters than the quorum reach nothing,
/// whatever their share.
/// </summary>
/// <param name="Signal">The majority signal when the quorum voted and its share reached the threshold; null otherwise.</param>
/// <param name="MajoritySignal">The signal with the largest weight, reached or not; null when nobody voted.</param>
/// <param name="Share">The majority's share of the total confidence weight (0..1).</param>
/// <param name="Threshold">The share needed.</param>
/// <param name="Votes">The votes counted, in agent order.</param>
/// <param name="Abstained">Agents that gave no vote, with the reason.</param>
/// <param name="MinimumVoters">The quorum: votes needed for any consensus.</param>
public sealed record Consensus(
    TradeAction? Signal,
    TradeAction? MajoritySignal,
    double Share,
    double Threshold,
    IReadOnlyList<AnalysisSignal> Votes,
    IReadOnlyList<string> Abstained,
    int MinimumVoters)
{
    /// <summary>True when the quorum voted and the majority share reached the threshold.</summary>
    public bool Reached => Signal is not null;

    /// <summary>True when at least <see cref="MinimumVoters"/> analysts voted.</summary>
    public bool QuorumMet => Votes.Count >= MinimumVoters;

    /// <summary>Mean confidence of the agents that voted with the majority.</summary>
    public double MajorityConfidence => MajoritySignal is { } m && Votes.Any(v => v.Signal == m)
        ? Votes.Where(v => v.Signal == m).Average(v => v.Confidence)
        : 0;

    /// <summary>
    /// Counts <paramref name="votes"/>: each signal's weight is the sum of its voters' confidence; the majority is the
    /// heaviest (ties go to HOLD, then to the earlier agent's signal), reached when at least
    /// <paramref name="minimumVoters"/> voted and its share is at least <paramref name="threshold"/>. With no weight at
    /// all there is no consensus.
    /// </summary>
    public static Consensus Tally(IReadOnlyList<AnalysisSignal> votes, IReadOnlyList<string> abstained, double threshold, int minimumVoters)
    {
        var total = 0.0;
        var weights = new List<(TradeAction Signal, double Weight, int First)>(3);
        for (var i = 0; i < votes.Count; i++)
        {
            total += votes[i].Confidence;
            var at = weights.FindIndex(w => w.Signal == votes[i].Signal);
            if (at < 0)
            {
                weights.Add((votes[i].Signal, votes[i].Confidence, i));
            }
            else
            {
                weights[at] = weights[at] with { Weight = weights[at].Weight + votes[i].Confidence };
            }
        }

        if (votes.Count == 0 || total <= 0)
        {
            return new Consensus(null, null, 0, threshold, votes, abstained, minimumVoters);
        }

        var majority = weights[0];
        foreach (var candidate in weights.Skip(1))
        {
            if (candidate.Weight > majority.Weight || (candidate.Weight == majority.Weight && candidate.Signal == TradeAction.Hold))
            {
                majority = candidate;
            }
        }

        var share = majority.Weight / total;

        // A share within rounding of the threshold (2 of 3 equal votes against 2/3) counts as reached.
        var reached = votes.Count >= minimumVoters && share + 1e-9 >= threshold;
        return new Consensus(reached ? majority.Signal : null, majority.Signal, share, threshold, votes, abstained, minimumVoters);
    }

    /// <summary>One line for people: <see cref="Outcome"/> and why the agents that did not vote did not.</summary>
    public string Describe() => Abstained.Count == 0 ? Outcome() : $"{Outcome()}; not voting: {string.Join("; ", Abstained)}";

    /// <summary>
    /// The outcome, the share and every vote, all written by code; an abstention's reason may quote a model, so
    /// prompts show those apart, quoted (<see cref="DeliberationText.AnalysisSummary"/>).
    /// </summary>
    public string Outcome()
    {
        var votes = string.Join(", ", Votes.Select(v => $"{v.AgentName} {v.Signal.ToWire()} {Fraction(v.Confidence)}"));
        var outcome = (MajoritySignal, QuorumMet) switch
        {
            (_, false) => $"quorum not met: {Votes.Count} of {Votes.Count + Abstained.Count} analysts voted, at least {MinimumVoters} must",
            (null, _) => "no votes",
            ({ } majority, _) when Reached => $"consensus {majority.ToWire()} with {Percent(Share)} of the confidence-weighted vote (threshold {Percent(Threshold)})",
            ({ } majority, _) => $"no consensus: the strongest signal, {majority.ToWire()}, has {Percent(Share)} of the confidence-weighted vote, below the {Percent(Threshold)} threshold",
        };
        return $"{outcome} [{(votes.Length == 0 ? "none" : votes)}]";
    }

    private static string Percent(double fraction) => ContextFormat.Share(fraction);

    private static string Fraction(double value) => ContextFormat.Number(value);
}
