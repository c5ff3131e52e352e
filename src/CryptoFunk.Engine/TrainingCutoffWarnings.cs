using System.Text.Json;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Markets;

namespace CryptoFunk.Engine;

/// <summary>
/// Warns when a model-driven run starts before a configured model's training cutoff: the model may have read what
/// happened next, so a good result can be memory, not skill. The cutoffs a run was held to are kept in its stored
/// settings (<see cref="SettingsKey"/>), so the report of a stored run warns as its summary did.
/// </summary>
public static class TrainingCutoffWarnings
{
    /// <summary>The warning's code.</summary>
    public const string Code = "training_cutoff";

    /// <summary>The run settings key holding each provider's configured cutoff, by provider id.</summary>
    public const string SettingsKey = "training_cutoffs";

    /// <summary>The configured cutoff of each provider that has one, by provider id (<c>openai/gpt-4o</c>).</summary>
    public static IReadOnlyDictionary<string, string> Configured(LlmProviderRegistry providers) =>
        providers.Providers
            .Where(p => !string.IsNullOrWhiteSpace(p.Options.TrainingCutoff))
            .ToDictionary(p => p.Id, p => p.Options.TrainingCutoff!.Trim(), StringComparer.Ordinal);

    /// <summary>The cutoffs a stored run's settings hold; none for runs stored before they were kept or run on rules.</summary>
    public static IReadOnlyDictionary<string, string> FromSettings(string? settingsJson)
    {
        if (settingsJson is null)
        {
            return new Dictionary<string, string>();
        }

        using var settings = JsonDocument.Parse(settingsJson);
        return settings.RootElement.TryGetProperty(SettingsKey, out var cutoffs) && cutoffs.ValueKind == JsonValueKind.Object
            ? cutoffs.EnumerateObject().Where(c => c.Value.ValueKind == JsonValueKind.String).ToDictionary(c => c.Name, c => c.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>();
    }

    /// <summary>One warning per model whose cutoff falls on or after <paramref name="windowStart"/>, in provider order.</summary>
    public static IReadOnlyList<RunWarning> For(DateTimeOffset windowStart, IReadOnlyDictionary<string, string> cutoffs) =>
    [
        .. cutoffs
            .Select(c => (Model: c.Key, Parsed: ModelTrainingCutoff.TryParse(c.Value, out var cutoff) ? cutoff : null))
            .Where(c => c.Parsed is not null && c.Parsed.Covers(windowStart))
            .Select(c => new RunWarning(
                Code,
                $"the window starts {UtcTimestamp.Format(windowStart)}, before {c.Model}'s training cutoff {c.Parsed!.Text} (the vendor's published date): " +
                "the model may have seen what happened next, so this result can be memory, not skill")),
    ];
}
