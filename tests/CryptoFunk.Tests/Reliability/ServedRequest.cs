namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// One request the <see cref="ChaosModel"/> received: the model it was sent to, the asking agent (its prompt's opening
/// line) and decision time, how it was answered, and the tokens the answer billed.
/// </summary>
internal sealed record ServedRequest(string Model, string Agent, DateTimeOffset DecisionTime, ModelFault Fault, long InputTokens, long OutputTokens)
{
    /// <summary>True when the reply was a completion with an answer, billed by its tokens (a wrong answer too).</summary>
    public bool Answered => Fault is ModelFault.None or ModelFault.Prose or ModelFault.WrongTypes;
}
