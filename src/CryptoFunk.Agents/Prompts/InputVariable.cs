namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// One value a prompt template expects (SK's <c>InputVariable</c>). Values are inserted as data: unless
/// <see cref="AllowDangerouslySetContent"/> is set, markup inside a value stays text.
/// </summary>
public sealed record InputVariable
{
    /// <summary>The name used in the template, e.g. <c>symbol</c> for <c>{{$symbol}}</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What the value means; shown to people editing prompts.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>
    /// Used when the caller gives no value. SK reads YAML scalars as strings, so this is text; numbers written in
    /// the file (<c>default: 14</c>) arrive as <c>"14"</c>.
    /// </summary>
    public string? Default { get; init; }

    /// <summary>Whether rendering fails when neither a value nor a <see cref="Default"/> is present (SK's default: true).</summary>
    public bool IsRequired { get; init; } = true;

    /// <summary>A JSON schema (as JSON text, like SK) describing the value.</summary>
    public string? JsonSchema { get; init; }

    /// <summary>When true the value may contain message tags that shape the chat; only for trusted text.</summary>
    public bool AllowDangerouslySetContent { get; init; }

    /// <summary>An example value (SK's experimental <c>sample</c>), for documentation and previews.</summary>
    public string? Sample { get; init; }
}
