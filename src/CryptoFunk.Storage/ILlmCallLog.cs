namespace CryptoFunk.Storage;

/// <summary>Where every model call is recorded (source, tokens, cost, latency); never its credentials.</summary>
public interface ILlmCallLog
{
    /// <summary>Records a call; returns at once unless the log is full, then waits for room rather than lose the call.</summary>
    ValueTask AddAsync(LlmCallRecord call, CancellationToken cancellationToken);
}
