using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// SK's <see cref="FunctionChoiceBehavior"/> by its YAML <c>type</c>, for the reader, the writer and the chat options:
/// SK keeps the type in the subclass and the function list on each subclass separately.
/// </summary>
internal static class FunctionChoices
{
    /// <summary>The model decides whether to call functions.</summary>
    public const string Auto = "auto";

    /// <summary>The model must call at least one function.</summary>
    public const string Required = "required";

    /// <summary>The model must not call functions.</summary>
    public const string None = "none";

    /// <summary>The behaviour of <paramref name="type"/> limited to <paramref name="functions"/> (null: every function).</summary>
    public static FunctionChoiceBehavior Create(string type, IList<string>? functions, FunctionChoiceBehaviorOptions? options)
    {
        switch (type)
        {
            case Auto:
                var auto = (AutoFunctionChoiceBehavior)FunctionChoiceBehavior.Auto(options: options);
                auto.Functions = functions;
                return auto;
            case Required:
                var required = (RequiredFunctionChoiceBehavior)FunctionChoiceBehavior.Required(options: options);
                required.Functions = functions;
                return required;
            case None:
                var none = (NoneFunctionChoiceBehavior)FunctionChoiceBehavior.None(options: options);
                none.Functions = functions;
                return none;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "use auto, required or none");
        }
    }

    /// <summary>The type, function list and options of <paramref name="behavior"/>.</summary>
    public static (string Type, IList<string>? Functions, FunctionChoiceBehaviorOptions? Options) Describe(FunctionChoiceBehavior behavior) => behavior switch
    {
        AutoFunctionChoiceBehavior auto => (Auto, auto.Functions, auto.Options),
        RequiredFunctionChoiceBehavior required => (Required, required.Functions, required.Options),
        NoneFunctionChoiceBehavior none => (None, none.Functions, none.Options),
        _ => throw new ArgumentException($"unknown function choice behavior {behavior.GetType().Name}", nameof(behavior)),
    };
}
