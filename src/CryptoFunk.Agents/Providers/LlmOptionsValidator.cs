using System.Globalization;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Agents.Providers;

/// <summary>
/// Checks <c>Llm:Providers</c> before any request is sent, naming the exact key that is wrong
/// (<c>Llm:Providers:1:Type must be openai or anthropic</c>); never echoes an API key.
/// </summary>
public sealed class LlmOptionsValidator(IEnvironmentVariables environment) : IValidateOptions<LlmOptions>
{
    private const int MaxTimeoutSeconds = 3600;
    private const int MaxRetriesLimit = 10;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="options"/>, one sentence each; empty when valid.</summary>
    public IReadOnlyList<string> Errors(LlmOptions options)
    {
        var errors = new List<string>();
        var firstIndexById = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Providers.Count; i++)
        {
            var prefix = $"{LlmOptions.SectionName}:Providers:{i}";
            var provider = options.Providers[i];
            errors.AddRange(ProviderErrors(provider, prefix));
            if (!string.IsNullOrWhiteSpace(provider.Model) && !firstIndexById.TryAdd(provider.DisplayId, i))
            {
                errors.Add(
                    $"{prefix} has the same id '{provider.DisplayId}' as {LlmOptions.SectionName}:Providers:{firstIndexById[provider.DisplayId]}; " +
                    $"set {prefix}:Name to tell them apart");
            }
        }

        return errors;
    }

    /// <summary>The problems with one provider, each starting with <paramref name="prefix"/>.</summary>
    public IEnumerable<string> ProviderErrors(LlmProviderOptions provider, string prefix)
    {
        if (!LlmProviderTypes.IsKnown(provider.Type))
        {
            yield return string.IsNullOrWhiteSpace(provider.Type)
                ? $"{prefix}:Type is required and must be {LlmProviderTypes.OpenAI} or {LlmProviderTypes.Anthropic}"
                : $"{prefix}:Type must be {LlmProviderTypes.OpenAI} or {LlmProviderTypes.Anthropic} (got '{provider.Type}')";
        }

        if (provider.Name is not null && (provider.Name.Trim().Length == 0 || provider.Name.Any(char.IsWhiteSpace)))
        {
            yield return $"{prefix}:Name must be a single word without spaces (got '{provider.Name}')";
        }

        if (string.IsNullOrWhiteSpace(provider.Model))
        {
            yield return $"{prefix}:Model is required";
        }

        if (!string.IsNullOrWhiteSpace(provider.Endpoint) &&
            (!Uri.TryCreate(provider.Endpoint.Trim(), UriKind.Absolute, out var endpoint) ||
             (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            yield return $"{prefix}:Endpoint must be an absolute http or https URL (got '{EndpointDisplay.Describe(provider.Endpoint)}')";
        }

        if (!(provider.TimeoutSeconds is > 0 and <= MaxTimeoutSeconds))
        {
            yield return $"{prefix}:TimeoutSeconds must be above 0 and at most {MaxTimeoutSeconds} (got {provider.TimeoutSeconds.ToString(CultureInfo.InvariantCulture)})";
        }

        if (provider.MaxRetries is < 0 or > MaxRetriesLimit)
        {
            yield return $"{prefix}:MaxRetries must be between 0 and {MaxRetriesLimit} (got {provider.MaxRetries})";
        }

        if (provider.MaxOutputTokens <= 0)
        {
            yield return $"{prefix}:MaxOutputTokens must be positive (got {provider.MaxOutputTokens})";
        }

        if (provider.TrainingCutoff is { } cutoff && !ModelTrainingCutoff.TryParse(cutoff, out _))
        {
            yield return $"{prefix}:TrainingCutoff must be a date as YYYY-MM or YYYY-MM-DD (got '{cutoff}')";
        }

        if (provider.RequestsPerMinute is <= 0)
        {
            yield return $"{prefix}:RequestsPerMinute must be positive when set (got {provider.RequestsPerMinute})";
        }

        if (provider.InputUsdPerMillionTokens < 0)
        {
            yield return $"{prefix}:InputUsdPerMillionTokens must not be negative";
        }

        if (provider.OutputUsdPerMillionTokens < 0)
        {
            yield return $"{prefix}:OutputUsdPerMillionTokens must not be negative";
        }

        if (LlmProviderTypes.IsKnown(provider.Type) && RequiresApiKey(provider) && ApiKeyResolver.Resolve(provider, environment) is null)
        {
            yield return
                $"{prefix}:ApiKey is required for {provider.Type.Trim().ToLowerInvariant()} " +
                $"(or set {LlmProviderTypes.ApiKeyEnvironmentVariable(provider.Type)})";
        }
    }

    // Local OpenAI-compatible servers (Ollama, vLLM) need no key; the vendors' public APIs always do.
    private static bool RequiresApiKey(LlmProviderOptions provider) =>
        string.Equals(provider.Type, LlmProviderTypes.Anthropic, StringComparison.OrdinalIgnoreCase) ||
        string.IsNullOrWhiteSpace(provider.Endpoint);
}
