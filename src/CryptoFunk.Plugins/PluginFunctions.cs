using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Plugins;

/// <summary>
/// How a plugin object becomes a Semantic Kernel plugin and the functions agents get: the plugin is named after its
/// class (<c>MarketDataPlugin</c> is <c>MarketData</c>, so functions are <c>MarketData_GetCandles</c>), and arguments
/// and results use compact JSON (camelCase, enums as lower-case words, no indentation), because every result is pasted
/// into the model's context.
/// </summary>
public static class PluginFunctions
{
    private const string ClassSuffix = "Plugin";

    /// <summary>The serializer for arguments and results; numbers given as strings are read too, as models send both.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>
    /// The SK plugin of <paramref name="plugin"/>'s <c>[KernelFunction]</c> methods, bound to that instance (and so to
    /// its decision clock). Reflects over the class, so callers build it once.
    /// </summary>
    public static KernelPlugin CreatePlugin(object plugin)
    {
        var name = plugin.GetType().Name;
        return KernelPluginFactory.CreateFromObject(plugin, SerializerOptions, name.EndsWith(ClassSuffix, StringComparison.Ordinal) ? name[..^ClassSuffix.Length] : name);
    }

    /// <summary>The plugin's functions as agents receive them, in declaration order; see <see cref="PluginAIFunction"/>.</summary>
    public static IReadOnlyList<AIFunction> ToAIFunctions(this KernelPlugin plugin) => [.. plugin.Select(function => new PluginAIFunction(function))];

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
        options.MakeReadOnly();
        return options;
    }
}
