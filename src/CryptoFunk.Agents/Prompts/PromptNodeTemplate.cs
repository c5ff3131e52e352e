namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A chat element parsed once at compile time with value slots in its content and attributes; rendering fills the
/// slots and yields the <see cref="PromptNode"/> SK's parser would have produced from the encoded text.
/// </summary>
internal sealed class PromptNodeTemplate
{
    private readonly string _tagName;
    private readonly (string Name, CompiledText Value)[] _attributes;
    private readonly CompiledText? _content;
    private readonly PromptNodeTemplate[] _children;

    private PromptNodeTemplate(PromptNode node)
    {
        _tagName = node.TagName;
        _attributes = [.. node.Attributes.Select(a => (a.Key, CompiledText.Parse(a.Value)))];
        _content = node.Content is null ? null : CompiledText.Parse(node.Content);
        _children = [.. node.ChildNodes.Select(c => new PromptNodeTemplate(c))];
    }

    /// <summary>Compiles a node parsed from marked text.</summary>
    public static PromptNodeTemplate From(PromptNode node) => new(node);

    /// <summary>The node for one call; content is trimmed and null when empty, as SK's parser leaves it.</summary>
    public PromptNode Render(string[] values)
    {
        var node = new PromptNode(_tagName);
        foreach (var (name, value) in _attributes)
        {
            node.Attributes[name] = value.Render(values);
        }

        if (_content is not null)
        {
            var content = _content.RenderTrimmed(values);
            node.Content = content.Length > 0 ? content : null;
        }

        foreach (var child in _children)
        {
            node.ChildNodes.Add(child.Render(values));
        }

        return node;
    }
}
