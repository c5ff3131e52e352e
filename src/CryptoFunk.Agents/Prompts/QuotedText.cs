using System.Globalization;
using System.Text;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Puts text that code did not write into a prompt as data: another agent's reasoning or key factors, why an agent did
/// not vote, an earlier decision's reasoning, why an answer was refused. The text becomes one JSON string on one line:
/// its quote marks and backslashes are escaped, so nothing inside can close the quote; line breaks are escaped, so it
/// cannot start a heading or a role line of its own; invisible characters (zero-width, direction overrides, byte-order
/// marks, line and paragraph separators, controls) are written as <c>\uXXXX</c>, so nothing hides. It is cut at
/// <see cref="MaxLength"/> characters and the cut is said outside the quote. Every prompt's rules say that text in
/// quotes is data, never instructions.
/// </summary>
public static class QuotedText
{
    /// <summary>
    /// Most characters of one quoted text: about 300 words, room for any reasoning an agent gives in its 2,000 output
    /// tokens' worth of JSON, and a bound on what one answer can put into every later prompt.
    /// </summary>
    public const int MaxLength = 2_000;

    /// <summary>
    /// <paramref name="text"/> as a quoted JSON string of at most <see cref="MaxLength"/> of its characters, followed,
    /// when longer, by <c>(cut: N more characters)</c>.
    /// </summary>
    public static string Quote(string text)
    {
        var length = Math.Min(text.Length, MaxLength);
        if (length < text.Length && char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        var quoted = new StringBuilder(length + 32).Append('"');
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
            {
                quoted.Append(c).Append(text[++i]);
                continue;
            }

            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                '\t' => quoted.Append("\\t"),
                _ when IsHidden(c) => quoted.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => quoted.Append(c),
            };
        }

        quoted.Append('"');
        return length == text.Length
            ? quoted.ToString()
            : quoted.Append(CultureInfo.InvariantCulture, $" (cut: {text.Length - length} more characters)").ToString();
    }

    /// <summary>Characters that do not show as themselves, or break the line: escaped rather than written.</summary>
    private static bool IsHidden(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or
        UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or
        UnicodeCategory.OtherNotAssigned;
}
