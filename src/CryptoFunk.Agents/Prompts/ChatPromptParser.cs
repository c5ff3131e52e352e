using System.Net;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Turns a rendered prompt into chat messages as SK's <c>ChatPromptParser</c> does: each top-level
/// <c>&lt;message role="..."&gt;</c> becomes a <see cref="ChatMessage"/> (a single <c>&lt;text&gt;</c> child is its
/// text; <c>&lt;image&gt;</c> children become image URIs); text that is not chat markup becomes one user message.
/// Entities are decoded in message text, which is what restores encoded values exactly.
/// </summary>
internal static class ChatPromptParser
{
    private const string MessageTag = "message";
    private const string RoleAttribute = "role";
    private const string TextTag = "text";
    private const string ImageTag = "image";

    /// <summary>The messages of <paramref name="prompt"/>; never empty.</summary>
    public static IReadOnlyList<ChatMessage> Parse(string prompt)
    {
        if (prompt.Contains("<message", StringComparison.OrdinalIgnoreCase) &&
            XmlPromptParser.TryParse(prompt) is { } nodes &&
            ToMessages(nodes) is { Count: > 0 } messages)
        {
            return messages;
        }

        return [PlainText(WebUtility.HtmlDecode(prompt))];
    }

    /// <summary>The prompt as a single user message, SK's reading of text without chat markup.</summary>
    public static ChatMessage PlainText(string text) => new(ChatRole.User, text);

    /// <summary>The valid chat messages among <paramref name="nodes"/>, in order.</summary>
    public static List<ChatMessage> ToMessages(IEnumerable<PromptNode> nodes)
    {
        var messages = new List<ChatMessage>();
        foreach (var node in nodes)
        {
            if (IsValidChatMessage(node))
            {
                messages.Add(ToChatMessage(node));
            }
        }

        return messages;
    }

    /// <summary>
    /// A message element with a role, and either exactly one <c>&lt;text&gt;</c> child or no text children and
    /// some content; anything else is ignored, as in SK.
    /// </summary>
    public static bool IsValidChatMessage(PromptNode node)
    {
        if (!node.TagName.Equals(MessageTag, StringComparison.OrdinalIgnoreCase) || !node.Attributes.ContainsKey(RoleAttribute))
        {
            return false;
        }

        var textTags = node.ChildNodes.Count(child => child.TagName.Equals(TextTag, StringComparison.OrdinalIgnoreCase));
        return textTags == 1 || (textTags == 0 && node.Content is not null);
    }

    private static ChatMessage ToChatMessage(PromptNode node)
    {
        var role = Role(node.Attributes[RoleAttribute]);
        List<AIContent>? items = null;
        foreach (var child in node.ChildNodes)
        {
            if (child.Content is null)
            {
                continue;
            }

            if (child.TagName.Equals(ImageTag, StringComparison.OrdinalIgnoreCase))
            {
                (items ??= []).Add(Image(child.Content));
            }
            else if (child.TagName.Equals(TextTag, StringComparison.OrdinalIgnoreCase))
            {
                (items ??= []).Add(new TextContent(child.Content));
            }
        }

        if (items is [TextContent text])
        {
            return new ChatMessage(role, text.Text);
        }

        return items is { Count: > 0 } ? new ChatMessage(role, items) : new ChatMessage(role, node.Content);
    }

    private static ChatRole Role(string value)
    {
        var role = value.Trim();
        if (role.Length == 0)
        {
            throw new PromptRenderException("a <message> has an empty role");
        }

        return role.ToLowerInvariant() switch
        {
            "system" => ChatRole.System,
            "user" => ChatRole.User,
            "assistant" => ChatRole.Assistant,
            "tool" => ChatRole.Tool,
            _ => new ChatRole(role),
        };
    }

    private static UriContent Image(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            ? new UriContent(parsed, "image/*")
            : throw new PromptRenderException($"<image> '{uri}' is not an absolute URI");
}
