using CryptoFunk.Agents.Providers;

namespace CryptoFunk.Tests.Fakes;

/// <summary>Environment variables from a dictionary, so tests never depend on (or change) the real environment.</summary>
public sealed class FakeEnvironmentVariables(IReadOnlyDictionary<string, string>? values = null) : IEnvironmentVariables
{
    /// <summary>No variables at all.</summary>
    public static FakeEnvironmentVariables Empty { get; } = new();

    /// <inheritdoc />
    public string? Get(string name) => values is not null && values.TryGetValue(name, out var value) ? value : null;
}
