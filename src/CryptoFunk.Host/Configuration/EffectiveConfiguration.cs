using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CryptoFunk.Agents.Caching;
using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Agents.Telemetry;
using CryptoFunk.Cluster.Hosting;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Alerts;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host.Commands;
using CryptoFunk.Markets.Exchanges.Binance;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Host.Configuration;

/// <summary>
/// Every setting the program reads, with the value in effect (the options classes' defaults where nothing set one)
/// and its origin, plus any configured key no setting reads. Secrets (keys, passwords, tokens, webhook addresses)
/// are redacted here, once, for every caller.
/// </summary>
internal sealed partial class EffectiveConfiguration(IServiceProvider services, IConfiguration configuration, ConfigurationOrigins origins)
{
    /// <summary>The value shown in place of a secret.</summary>
    public const string Redacted = "***";

    /// <summary>Sections whose keys are free-form (any market, any logging category): none of their keys is unknown.</summary>
    private static readonly string[] OpenSections = ["Logging", ExchangeRulesConfiguration.Section];

    /// <summary>The generic host's own keys (its content root), not settings of ours.</summary>
    private static readonly string[] HostKeys = [HostDefaults.ContentRootKey, HostDefaults.ApplicationKey, HostDefaults.EnvironmentKey];

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { WritableOnly } },
    };

    /// <summary>The settings sorted by key.</summary>
    public IReadOnlyList<EffectiveSetting> Settings()
    {
        var values = new SortedDictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, options) in Sections())
        {
            Flatten(section, JsonSerializer.SerializeToNode(options, options.GetType(), Json), values);
        }

        var settings = values.Select(v => Setting(v.Key, v.Value, known: true)).ToList();
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && !values.ContainsKey(key) && !HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                settings.Add(Setting(key, value, known: IsReadWithoutDefault(key)));
            }
        }

        return [.. settings.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Whether a setting reads <paramref name="key"/>: a key <see cref="Settings"/> knows, a free-form section's or a secret's.</summary>
    public bool Reads(string key) =>
        IsReadWithoutDefault(key) || Settings().Any(s => s.Known && s.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Keys read although no default shows them: free-form sections and secrets (which the options never serialize).
    /// </summary>
    private static bool IsReadWithoutDefault(string key) =>
        OpenSections.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)) || SecretKey().IsMatch(key);

    /// <summary>The options behind every section, bound and validated as the commands use them.</summary>
    private IEnumerable<(string Section, object Options)> Sections() =>
    [
        (DatabaseOptions.Section, Value<DatabaseOptions>()),
        (LlmOptions.SectionName, Value<LlmOptions>()),
        (ModelPipelineOptions.Section, Value<ModelPipelineOptions>()),
        (TradingOptions.Section, Value<TradingOptions>()),
        (RiskLimitsOptions.SectionName, Value<RiskLimitsOptions>()),
        (EngineServiceCollectionExtensions.PaperBrokerSection, Value<PaperBrokerOptions>()),
        (LiveFeedOptions.Section, Value<LiveFeedOptions>()),
        (PromptLibraryOptions.SectionName, Value<PromptLibraryOptions>()),
        (TelemetryOptions.Section, Value<TelemetryOptions>()),
        (BinanceOptions.SectionName, Value<BinanceOptions>()),
        (BacktestOptions.Section, Value<BacktestOptions>()),
        (AlertOptions.Section, Value<AlertOptions>()),
        (CryptoFunkClusterOptions.Section, Value<CryptoFunkClusterOptions>()),
    ];

    private object Value<T>()
        where T : class => services.GetRequiredService<IOptions<T>>().Value;

    private EffectiveSetting Setting(string key, string? value, bool known) =>
        new(key, Redact(key, value ?? string.Empty), value is null ? string.Empty : origins.Of(key), known);

    /// <summary><paramref name="value"/> with any secret replaced by <see cref="Redacted"/>.</summary>
    public static string Redact(string key, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        if (SecretKey().IsMatch(key))
        {
            return Redacted;
        }

        if (key.Equals(LlmCacheOptions.RedisKey, StringComparison.OrdinalIgnoreCase))
        {
            return RedisConnectionString.Redact(value);
        }

        if (key.Equals(CryptoFunkClusterOptions.ConnectionStringKey, StringComparison.OrdinalIgnoreCase))
        {
            return ClusterConnectionString.Redact(value);
        }

        return key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) ? SafeConnectionString(value) : value;
    }

    private static string SafeConnectionString(string value)
    {
        try
        {
            return DatabaseProviders.Redact(value);
        }
        catch (ArgumentException)
        {
            return Redacted;
        }
    }

    private static void Flatten(string prefix, JsonNode? node, IDictionary<string, string?> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Flatten($"{prefix}:{name}", child, values);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten($"{prefix}:{i}", array[i], values);
                }

                break;
            default:
                values[prefix] = node is JsonValue value ? value.ToString() : null;
                break;
        }
    }

    /// <summary>Only what configuration can set: computed properties (such as a provider read from a connection string) are not settings.</summary>
    private static void WritableOnly(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties.Where(p => p.Set is null).ToList())
        {
            info.Properties.Remove(property);
        }
    }

    [GeneratedRegex(@"(ApiKey|Password|Secret|Token|WebhookUrl|Pwd)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretKey();
}
