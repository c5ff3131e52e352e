using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Plugins;

/// <summary>
/// A plugin's <see cref="KernelFunction"/> as the model sees it. SK runs the call (argument binding, filters, its
/// telemetry); the parameter schema is Microsoft.Extensions.AI's for the method, because SK's puts the function
/// description in a non-standard <c>condition</c> keyword and moves defaults into parameter descriptions, and the schema
/// reaching the wire is part of every cache key and recording.
/// </summary>
internal sealed class PluginAIFunction : DelegatingAIFunction
{
    private readonly JsonElement _schema;

    public PluginAIFunction(KernelFunction function)
        : base(function)
    {
        var method = function.UnderlyingMethod ?? throw new ArgumentException($"{function.Name} is not made from a method", nameof(function));
        _schema = AIJsonUtilities.CreateFunctionJsonSchema(method, string.Empty, string.Empty, PluginFunctions.SerializerOptions);
    }

    /// <inheritdoc/>
    public override JsonElement JsonSchema => _schema;
}
