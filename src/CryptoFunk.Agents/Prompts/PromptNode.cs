namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// One element of a rendered chat prompt (SK's <c>PromptNode</c>): tag, attributes, its trimmed and decoded content
/// (null when empty) and its child elements.
/// </summary>
internal sealed class PromptNode(string tagName)
{
    public string TagName { get; } = tagName;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    public string? Content { get; set; }

    public List<PromptNode> ChildNodes { get; } = [];
}
