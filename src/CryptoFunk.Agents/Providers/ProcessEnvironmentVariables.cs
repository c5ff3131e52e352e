namespace CryptoFunk.Agents.Providers;

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    /// <inheritdoc />
    public string? Get(string name) => Environment.GetEnvironmentVariable(name);
}
