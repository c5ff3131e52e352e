using System.Globalization;
using System.Text;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// Text compiled once from a template: literal pieces and value slots. Slots are marked at compile time by
/// <see cref="Marker"/> (private-use characters that survive XML parsing and entity decoding untouched), so the
/// chat structure can be parsed once and each call only joins strings.
/// </summary>
internal sealed class CompiledText
{
    /// <summary>Starts a slot marker: <c>U+E000 digits U+E001</c>.</summary>
    public const char MarkerStart = '\uE000';

    /// <summary>Ends a slot marker.</summary>
    public const char MarkerEnd = '\uE001';

    private readonly string[] _literals;
    private readonly int[] _slots;
    private readonly int _literalLength;

    private CompiledText(string[] literals, int[] slots)
    {
        _literals = literals;
        _slots = slots;
        _literalLength = literals.Sum(l => l.Length);
    }

    /// <summary>Whether the text has no slots.</summary>
    public bool IsConstant => _slots.Length == 0;

    /// <summary>The marker for <paramref name="slot"/>.</summary>
    public static string Marker(int slot) => $"{MarkerStart}{slot.ToString(CultureInfo.InvariantCulture)}{MarkerEnd}";

    /// <summary>Splits marked text into literals and slots.</summary>
    public static CompiledText Parse(string marked)
    {
        var literals = new List<string>();
        var slots = new List<int>();
        var literal = new StringBuilder();
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] != MarkerStart)
            {
                literal.Append(marked[i]);
                continue;
            }

            var end = marked.IndexOf(MarkerEnd, i + 1);
            literals.Add(literal.ToString());
            literal.Clear();
            slots.Add(int.Parse(marked.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture));
            i = end;
        }

        literals.Add(literal.ToString());
        return new CompiledText([.. literals], [.. slots]);
    }

    /// <summary>The text with each slot replaced by its value.</summary>
    public string Render(string[] values)
    {
        if (_slots.Length == 0)
        {
            return _literals[0];
        }

        var length = _literalLength;
        foreach (var slot in _slots)
        {
            length += values[slot].Length;
        }

        return string.Create(length, (this, values), static (span, state) =>
        {
            var (text, values) = state;
            var position = 0;
            for (var i = 0; i < text._slots.Length; i++)
            {
                text._literals[i].CopyTo(span[position..]);
                position += text._literals[i].Length;
                var value = values[text._slots[i]];
                value.CopyTo(span[position..]);
                position += value.Length;
            }

            text._literals[^1].CopyTo(span[position..]);
        });
    }
}
