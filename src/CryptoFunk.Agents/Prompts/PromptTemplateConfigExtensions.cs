using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>Settings lookup by service, as SK's service selector does it.</summary>
public static class PromptTemplateConfigExtensions
{
    /// <summary>
    /// The settings to use with <paramref name="serviceId"/>: the entry keyed by that service id, else the
    /// <c>default</c> entry, else null.
    /// </summary>
    public static PromptExecutionSettings? GetExecutionSettings(this PromptTemplateConfig config, string? serviceId) =>
        serviceId is not null && config.ExecutionSettings.TryGetValue(serviceId, out var settings)
            ? settings
            : config.DefaultExecutionSettings;
}
