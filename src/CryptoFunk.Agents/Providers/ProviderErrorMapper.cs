using System.Diagnostics.CodeAnalysis;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Maps what one SDK throws to <see cref="LlmProviderException"/>; false for what is not a provider failure (the
/// caller's own cancellation, an exception already mapped).
/// </summary>
internal delegate bool ProviderErrorMapper(
    Exception error,
    string providerId,
    TimeSpan timeout,
    string? secret,
    CancellationToken callerToken,
    [NotNullWhen(true)] out LlmProviderException? mapped);
