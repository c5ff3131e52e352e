using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Plugins;

/// <summary>
/// How every plugin function is built: a Semantic Kernel style name (<c>Plugin_Function</c>), a description the model
/// reads, and compact JSON results (camelCase, enums as lower-case words, no indentation), because every result is
/// pasted into the model's context. Building one reflects over the method, so plugins build theirs once.
/// </summary>
internal static class PluginFunction
{
    /// <summary>The serializer for arguments and results; numbers given as strings are read too, as models send both.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateSerializerOptions();

    /// <summary>Wraps <paramref name="method"/>; its parameters' <c>[Description]</c> attributes and defaults become the schema.</summary>
    public static AIFunction Create(Delegate method, string name, string description) =>
        AIFunctionFactory.Create(method, new AIFunctionFactoryOptions
        {
            Name = name,
            Description = description,
            SerializerOptions = SerializerOptions,
        });

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
