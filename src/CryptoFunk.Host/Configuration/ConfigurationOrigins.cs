using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Host.Configuration;

/// <summary>
/// Where each configuration value came from (a built-in default, a file, the environment, the command line), so
/// <c>config show</c> can say it and an invalid value's error can name the file to fix.
/// </summary>
internal sealed class ConfigurationOrigins
{
    /// <summary>The origin of a value no source set: the options class's own default.</summary>
    public const string Default = "default";

    private readonly IConfigurationRoot _root;
    private readonly Dictionary<IConfigurationProvider, string> _labels = new(ReferenceEqualityComparer.Instance);

    /// <summary>Tracks the providers of <paramref name="root"/> as they are added.</summary>
    public ConfigurationOrigins(IConfigurationRoot root) => _root = root;

    /// <summary>Labels every provider added since the last call, such as <c>file /app/appsettings.json</c>.</summary>
    public void Label(string origin)
    {
        foreach (var provider in _root.Providers)
        {
            _labels.TryAdd(provider, origin);
        }
    }

    /// <summary>The origin of the value at <paramref name="key"/>: the last source that sets it wins, as in the configuration itself.</summary>
    public string Of(string key)
    {
        foreach (var provider in _root.Providers.Reverse())
        {
            if (provider.TryGet(key, out _))
            {
                return _labels.GetValueOrDefault(provider, "code");
            }
        }

        return Default;
    }

    /// <summary>Whether any source sets <paramref name="key"/> or a key under it.</summary>
    public bool IsSet(string key) => _root.GetSection(key) is var section && (section.Value is not null || section.GetChildren().Any());
}
