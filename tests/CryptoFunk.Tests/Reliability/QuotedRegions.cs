using System.Globalization;
using System.Text;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// A prompt message read the way the prompts' rules describe it: JSON strings in double quotes are data a model wrote,
/// the rest is what code wrote. Written apart from the program's quoting (it reads the quotes back, it does not make
/// them), so a quote that a planted text manages to close shows here as text outside quotes.
/// </summary>
internal sealed class QuotedRegions
{
    private QuotedRegions(string outside, string masked, IReadOnlyList<QuotedRegion> regions)
    {
        Outside = outside;
        Masked = masked;
        Regions = regions;
    }

    /// <summary>The text outside every quote, as a model would read it: invisible characters dropped.</summary>
    public string Outside { get; }

    /// <summary>The message with every quoted region blanked out, same length, to find what code wrote around a region.</summary>
    public string Masked { get; }

    /// <summary>Every quoted region in order.</summary>
    public IReadOnlyList<QuotedRegion> Regions { get; }

    /// <summary>Splits <paramref name="text"/>; a quote that never closes leaves the rest outside.</summary>
    public static QuotedRegions Of(string text)
    {
        var outside = new StringBuilder(text.Length);
        var masked = new StringBuilder(text);
        var regions = new List<QuotedRegion>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && Close(text, i) is { } end)
            {
                regions.Add(new QuotedRegion(i, text[i..(end + 1)], Decode(text, i + 1, end)));
                for (var j = i; j <= end; j++)
                {
                    masked[j] = ' ';
                }

                i = end + 1;
                continue;
            }

            if (char.GetUnicodeCategory(text[i]) != UnicodeCategory.Format)
            {
                outside.Append(text[i]);
            }

            i++;
        }

        return new QuotedRegions(outside.ToString(), masked.ToString(), regions);
    }

    /// <summary>The closing quote of the string opened at <paramref name="open"/>, or null when it never closes.</summary>
    private static int? Close(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return null;
    }

    private static string Decode(string text, int from, int to)
    {
        var decoded = new StringBuilder(to - from);
        for (var i = from; i < to; i++)
        {
            if (text[i] != '\\' || i + 1 >= to)
            {
                decoded.Append(text[i]);
                continue;
            }

            var escape = text[++i];
            if (escape == 'u' && i + 4 < to)
            {
                decoded.Append((char)int.Parse(text.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }

            decoded.Append(escape switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', _ => escape });
        }

        return decoded.ToString();
    }
}
