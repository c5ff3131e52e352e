using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace CryptoFunk.Agents.StructuredOutput;

/// <summary>A validated output, or the error that explains why the answer was refused.</summary>
public sealed record StructuredOutputResult
{
    private StructuredOutputResult(JsonElement? output, string? error)
    {
        Output = output;
        Error = error;
    }

    /// <summary>The validated JSON object.</summary>
    public JsonElement? Output { get; }

    /// <summary>What is wrong with the answer.</summary>
    public string? Error { get; }

    /// <summary>True when <see cref="Output"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Output))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    /// <summary>A valid output.</summary>
    public static StructuredOutputResult Valid(JsonElement output) => new(output, null);

    /// <summary>A refused answer with its reason.</summary>
    public static StructuredOutputResult Invalid(string error) => new(null, error);
}
