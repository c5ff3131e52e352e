namespace CryptoFunk.Storage;

/// <summary>Where every model call is recorded (source, tokens, cost, latency); never its credentials.</summary>
public interface ILlmCallLog
{
    /// <summary>Records a call; must not block the caller.</summary>
    void Add(LlmCallRecord call);
}
