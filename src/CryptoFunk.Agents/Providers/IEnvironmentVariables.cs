namespace CryptoFunk.Agents.Providers;

/// <summary>Reads environment variables, so tests can supply <c>OPENAI_API_KEY</c> without touching the process.</summary>
public interface IEnvironmentVariables
{
    /// <summary>The variable's value, or null when it is not set.</summary>
    string? Get(string name);
}
