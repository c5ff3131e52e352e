namespace CryptoFunk.Agents.Providers;

/// <summary>Finds a provider's key: the configured <c>ApiKey</c>, else the vendor's usual environment variable.</summary>
internal static class ApiKeyResolver
{
    public static string? Resolve(LlmProviderOptions options, IEnvironmentVariables environment)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return options.ApiKey.Trim();
        }

        var variable = LlmProviderTypes.ApiKeyEnvironmentVariable(options.Type);
        var value = variable is null ? null : environment.Get(variable);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
