using System.Xml;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Reads a rendered prompt as an XML fragment the way SK's <c>XmlPromptParser</c> does: wrapped in a root element,
/// whitespace preserved, each element's content its inner XML (or inner text when it starts with CDATA), trimmed
/// and entity-decoded; elements nested deeper than 64 levels make the prompt plain text.
/// </summary>
internal static class XmlPromptParser
{
    private const int MaxElementDepth = 64;

    /// <summary>The top-level elements, or null when the text is not markup (no tags, too deep, no elements).</summary>
    /// <exception cref="XmlException">The text contains tags but is not a well-formed fragment.</exception>
    public static List<PromptNode>? Parse(string prompt)
    {
        var start = prompt.IndexOf('<', StringComparison.Ordinal);
        if (start < 0 ||
            (prompt.IndexOf("</", start + 1, StringComparison.Ordinal) < 0 &&
             prompt.IndexOf("/>", start + 1, StringComparison.Ordinal) < 0))
        {
            return null;
        }

        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.LoadXml($"<root>{prompt}</root>");
        var root = document.DocumentElement!;
        if (Depth(root) > MaxElementDepth)
        {
            return null;
        }

        List<PromptNode>? result = null;
        foreach (XmlNode child in root.ChildNodes)
        {
            if (ToPromptNode(child) is { } node)
            {
                (result ??= []).Add(node);
            }
        }

        return result;
    }

    /// <summary>Whether <see cref="Parse"/> would fail on <paramref name="prompt"/> (used to fall back to plain text).</summary>
    public static List<PromptNode>? TryParse(string prompt)
    {
        try
        {
            return Parse(prompt);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static PromptNode? ToPromptNode(XmlNode node)
    {
        if (node.NodeType != XmlNodeType.Element)
        {
            return null;
        }

        var firstContent = node.ChildNodes.Cast<XmlNode>().FirstOrDefault(n => n.NodeType != XmlNodeType.Whitespace);
        var content = (firstContent?.NodeType == XmlNodeType.CDATA ? node.InnerText : node.InnerXml).Trim();
        var result = new PromptNode(node.Name)
        {
            Content = content.Length > 0 ? PromptContentEncoding.Decode(content) : null,
        };

        if (node.Attributes is { } attributes)
        {
            foreach (XmlAttribute attribute in attributes)
            {
                result.Attributes[attribute.Name] = attribute.Value;
            }
        }

        foreach (XmlNode child in node.ChildNodes)
        {
            if (ToPromptNode(child) is { } childNode)
            {
                result.ChildNodes.Add(childNode);
            }
        }

        return result;
    }

    private static int Depth(XmlNode node)
    {
        var deepest = 0;
        var stack = new Stack<(XmlNode Node, int Depth)>();
        stack.Push((node, 0));
        while (stack.Count > 0)
        {
            var (current, depth) = stack.Pop();
            deepest = Math.Max(deepest, depth);
            if (deepest > MaxElementDepth)
            {
                return deepest;
            }

            foreach (XmlNode child in current.ChildNodes)
            {
                if (child.NodeType == XmlNodeType.Element)
                {
                    stack.Push((child, depth + 1));
                }
            }
        }

        return deepest;
    }
}
