using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>An agent's prompt values as SK's <see cref="KernelArguments"/>, which copy only from a mutable dictionary.</summary>
public static class KernelArgumentsExtensions
{
    /// <summary>A new <see cref="KernelArguments"/> (names case-insensitive) holding <paramref name="values"/>.</summary>
    public static KernelArguments ToKernelArguments(this IReadOnlyDictionary<string, object?> values)
    {
        var arguments = new KernelArguments();
        foreach (var (name, value) in values)
        {
            arguments[name] = value;
        }

        return arguments;
    }
}
