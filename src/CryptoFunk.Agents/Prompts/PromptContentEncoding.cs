using System.Buffers;
using System.Net;
using System.Text;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// The encoding that keeps inserted values data (SK's <c>HttpUtility.HtmlEncode</c> of unsafe content): <c>&lt;</c>,
/// <c>&gt;</c>, <c>&amp;</c> and quotes become entities, so a value cannot close a <c>&lt;message&gt;</c> or open a new
/// one; message text is decoded after parsing, so the model sees the value exactly.
/// </summary>
internal static class PromptContentEncoding
{
    private static readonly SearchValues<char> Special = SearchValues.Create("<>&\"'");

    public static string Encode(string text)
    {
        var first = text.AsSpan().IndexOfAny(Special);
        if (first < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            _ = text[i] switch
            {
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '&' => builder.Append("&amp;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                var c => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    public static void Encode(string text, TextWriter target)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': target.Write("&lt;"); break;
                case '>': target.Write("&gt;"); break;
                case '&': target.Write("&amp;"); break;
                case '"': target.Write("&quot;"); break;
                case '\'': target.Write("&#39;"); break;
                default: target.Write(c); break;
            }
        }
    }

    public static string Decode(string text) => text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text;
}
