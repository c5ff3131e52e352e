namespace CryptoFunk.Agents.Agents;

/// <summary>
/// How long an agent may take to answer one call, on which clock: an agent still working then is cancelled and
/// abstains, saying so, so one hung provider cannot stall a decision.
/// </summary>
/// <param name="Timeout">Time from the call to the deadline.</param>
/// <param name="Time">The clock the deadline runs on.</param>
public sealed record AgentDeadline(TimeSpan Timeout, TimeProvider Time)
{
    /// <summary>The abstention of <paramref name="agentName"/> when it missed the deadline.</summary>
    public AgentResponse Missed(string agentName) =>
        AgentResponses.Abstain(agentName, $"{agentName} did not answer within the decision deadline of {Timeout:c}") with { MissedDeadline = true };
}
