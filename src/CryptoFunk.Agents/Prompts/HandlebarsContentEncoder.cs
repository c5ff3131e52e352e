using System.Text;
using HandlebarsDotNet;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Handlebars' escaping for <c>{{value}}</c> output, made the same as the <c>semantic-kernel</c> format's: every value a
/// template prints (including properties inside <c>{{#each}}</c>) has <c>&lt; &gt; &amp;</c> and quotes encoded, so it
/// stays data, and the chat parser decodes it back.
/// </summary>
internal sealed class HandlebarsContentEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target)
    {
        if (text is not null)
        {
            PromptContentEncoding.Encode(text.ToString(), target);
        }
    }

    public void Encode(string? text, TextWriter target)
    {
        if (text is not null)
        {
            PromptContentEncoding.Encode(text, target);
        }
    }

    public void Encode<T>(T? text, TextWriter target)
        where T : IEnumerator<char>
    {
        if (text is null)
        {
            return;
        }

        var builder = new StringBuilder();
        while (text.MoveNext())
        {
            builder.Append(text.Current);
        }

        PromptContentEncoding.Encode(builder.ToString(), target);
    }
}
