using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// Which fault each request of the <see cref="ChaosModel"/> gets, from a fixed seed. A fault is a function of the
/// asking agent, the decision time and how many requests that agent has made for that decision, so the schedule does
/// not depend on the order in which parallel agents' requests arrive. About <see cref="FaultShare"/> of the requests
/// fail, spread over every kind; a few (agent, decision) pairs answer with the wrong types every time, so that agent
/// abstains after its repair; and the primary provider is down for the decisions in its outage window, so its
/// circuit opens, and closes again once the window is over.
/// </summary>
internal sealed class FaultSchedule(int seed, double faultShare, double stubbornShare, DateTimeOffset outageFrom, DateTimeOffset outageTo)
{
    /// <summary>Each failing kind's weight among the faults: a hang costs a whole timeout and a rate limit its wait, so they come less often.</summary>
    private static readonly (ModelFault Fault, int Weight)[] Weights =
    [
        (ModelFault.RateLimited, 2),
        (ModelFault.RateLimitedLong, 2),
        (ModelFault.ServerError, 3),
        (ModelFault.Unavailable, 3),
        (ModelFault.Hang, 1),
        (ModelFault.Truncated, 3),
        (ModelFault.NotJson, 3),
        (ModelFault.Prose, 3),
        (ModelFault.WrongTypes, 3),
        (ModelFault.EmptyChoices, 3),
    ];

    private static readonly int TotalWeight = Weights.Sum(w => w.Weight);

    private readonly ConcurrentDictionary<(string Agent, DateTimeOffset Time), int> _asked = new();

    /// <summary>A schedule without faults: the baseline.</summary>
    public static FaultSchedule None => new(0, 0, 0, default, default);

    /// <summary>Share of requests that fail outside the outage.</summary>
    public double FaultShare => faultShare;

    /// <summary>Whether <paramref name="decisionTime"/> falls in the primary's outage.</summary>
    public bool InOutage(DateTimeOffset decisionTime) => decisionTime >= outageFrom && decisionTime < outageTo;

    /// <summary>The fault of the next request of <paramref name="agent"/> for <paramref name="decisionTime"/>, sent to the primary provider or not.</summary>
    public ModelFault Next(string agent, DateTimeOffset decisionTime, bool primary)
    {
        var asked = _asked.AddOrUpdate((agent, decisionTime), 0, (_, n) => n + 1);
        if (primary && InOutage(decisionTime))
        {
            return ModelFault.Outage;
        }

        if (Draw(agent, decisionTime, "stubborn") < stubbornShare)
        {
            return ModelFault.WrongTypes;
        }

        var draw = Draw(agent, decisionTime, asked.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (draw >= faultShare)
        {
            return ModelFault.None;
        }

        var pick = (int)(draw / faultShare * TotalWeight);
        foreach (var (fault, weight) in Weights)
        {
            if (pick < weight)
            {
                return fault;
            }

            pick -= weight;
        }

        return Weights[^1].Fault;
    }

    /// <summary>A number in [0, 1) fixed by the seed and the parts, the same in every process.</summary>
    private double Draw(string agent, DateTimeOffset decisionTime, string part)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{agent}|{decisionTime:O}|{part}"));
        return (BitConverter.ToUInt64(hash, 0) >> 11) / (double)(1UL << 53);
    }
}
