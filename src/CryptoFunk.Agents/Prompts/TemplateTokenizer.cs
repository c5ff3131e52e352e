using System.Text;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Splits a <c>semantic-kernel</c> template the way SK's <c>TemplateTokenizer</c> does: a block runs from the last
/// <c>{{</c> to the next <c>}}</c> outside a quoted value, its content is trimmed, an empty block is text, and an
/// unclosed <c>{{</c> is text. Variables and values are supported; function calls are refused, because prompts here
/// get their data from code, not from template-time calls.
/// </summary>
internal static class TemplateTokenizer
{
    public static List<TemplateBlock> Tokenize(string template)
    {
        var blocks = new List<TemplateBlock>();
        var endOfLastBlock = 0;
        var blockStart = -1;
        var inValue = false;
        var delimiter = '\0';

        for (var i = 0; i + 1 < template.Length; i++)
        {
            var c = template[i];
            var next = template[i + 1];
            if (inValue)
            {
                if (c == '\\' && next is '\'' or '"' or '\\')
                {
                    i++;
                }
                else if (c == delimiter)
                {
                    inValue = false;
                }

                continue;
            }

            if (c == '{' && next == '{')
            {
                blockStart = i;
                continue;
            }

            if (blockStart < 0)
            {
                continue;
            }

            if (c is '\'' or '"')
            {
                inValue = true;
                delimiter = c;
            }
            else if (c == '}' && next == '}')
            {
                if (blockStart > endOfLastBlock)
                {
                    blocks.Add(new TextBlock(endOfLastBlock, template[endOfLastBlock..blockStart]));
                }

                var raw = template[blockStart..(i + 2)];
                var content = raw[2..^2].Trim();
                blocks.Add(content.Length == 0 ? new TextBlock(blockStart, raw) : ParseCode(template, blockStart, raw, content));
                endOfLastBlock = i + 2;
                blockStart = -1;
                i++;
            }
        }

        if (endOfLastBlock < template.Length)
        {
            blocks.Add(new TextBlock(endOfLastBlock, template[endOfLastBlock..]));
        }

        return blocks;
    }

    private static TemplateBlock ParseCode(string template, int offset, string raw, string content)
    {
        if (content[0] == '$')
        {
            var name = content[1..];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw PromptTemplateException.At(template, offset,
                    $"'{raw}' is not a variable reference: write {{{{$name}}}} with letters, digits and '_' only");
            }

            return new VarBlock(offset, name);
        }

        if (content[0] is '\'' or '"')
        {
            return new ValBlock(offset, ParseValue(template, offset, raw, content));
        }

        throw PromptTemplateException.At(template, offset,
            $"'{raw}' is a function call or an unknown construct; prompt templates here support only {{{{$variable}}}} and {{{{'text'}}}} (values come from code)");
    }

    private static string ParseValue(string template, int offset, string raw, string content)
    {
        var quote = content[0];
        var value = new StringBuilder(content.Length);
        for (var i = 1; i < content.Length; i++)
        {
            var c = content[i];
            if (c == '\\' && i + 1 < content.Length && content[i + 1] is '\'' or '"' or '\\')
            {
                value.Append(content[++i]);
            }
            else if (c == quote)
            {
                if (i != content.Length - 1)
                {
                    throw PromptTemplateException.At(template, offset, $"'{raw}' has text after its quoted value");
                }

                return value.ToString();
            }
            else
            {
                value.Append(c);
            }
        }

        throw PromptTemplateException.At(template, offset, $"'{raw}' has an unterminated quoted value");
    }
}
