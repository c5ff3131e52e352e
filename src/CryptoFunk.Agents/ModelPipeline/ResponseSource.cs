namespace CryptoFunk.Agents.ModelPipeline;

/// <summary>
/// Where an agent's answer came from, written as stored and shown: <c>llm:&lt;provider&gt;/&lt;model&gt;</c>,
/// <c>cache</c>, <c>replay</c>, <c>rules</c>, <c>hold</c> or <c>budget</c>. Every answer says it, so a decision made by
/// the rules engine during an outage, or because the model budget is spent, is never mistaken for a model's.
/// </summary>
public readonly record struct ResponseSource
{
    private ResponseSource(string value) => Value = value;

    /// <summary>The label, e.g. <c>llm:anthropic/claude-sonnet-4</c>.</summary>
    public string Value { get; }

    /// <summary>An exact or similar cached answer reused instead of calling a provider.</summary>
    public static ResponseSource Cache { get; } = new("cache");

    /// <summary>A recorded answer served in replay mode; no provider was called.</summary>
    public static ResponseSource Replay { get; } = new("replay");

    /// <summary>The deterministic rules engine answered.</summary>
    public static ResponseSource Rules { get; } = new("rules");

    /// <summary>Nothing could answer; the agent holds.</summary>
    public static ResponseSource Hold { get; } = new("hold");

    /// <summary>
    /// The model budget could not cover the call, so no provider was asked: the call as logged, and the agent's answer
    /// from its rule (or its abstention) that replaced the model's.
    /// </summary>
    public static ResponseSource Budget { get; } = new("budget");

    /// <summary>A live provider answered.</summary>
    public static ResponseSource Llm(string providerAndModel) => new($"llm:{providerAndModel}");

    /// <summary>Reads a stored label back.</summary>
    public static ResponseSource Parse(string value) => value switch
    {
        "cache" => Cache,
        "replay" => Replay,
        "rules" => Rules,
        "hold" => Hold,
        "budget" => Budget,
        _ when value.StartsWith("llm:", StringComparison.Ordinal) && value.Length > 4 => new(value),
        _ => throw new FormatException($"'{value}' is not a response source (llm:<provider>/<model>, cache, replay, rules, hold, budget)"),
    };

    /// <summary>True when a live model produced the answer.</summary>
    public bool IsLlm => Value?.StartsWith("llm:", StringComparison.Ordinal) == true;

    /// <inheritdoc />
    public override string ToString() => Value;
}
