using System.Buffers;
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

        return string.Create(Length(values), (this, values), static (span, state) => state.Item1.Write(state.values, span));
    }

    /// <summary>
    /// <see cref="Render"/> without leading and trailing white space, as chat message content is kept; built in a
    /// pooled buffer, so a prompt of several kilobytes is not allocated twice.
    /// </summary>
    public string RenderTrimmed(string[] values)
    {
        if (_slots.Length == 0)
        {
            return _literals[0].Trim();
        }

        var length = Length(values);
        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var text = buffer.AsSpan(0, length);
            Write(values, text);
            var trimmed = text.Trim();
            return trimmed.Length == length ? new string(text) : trimmed.ToString();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private int Length(string[] values)
    {
        var length = _literalLength;
        foreach (var slot in _slots)
        {
            length += values[slot].Length;
        }

        return length;
    }

    private void Write(string[] values, Span<char> span)
    {
        var position = 0;
        for (var i = 0; i < _slots.Length; i++)
        {
            _literals[i].CopyTo(span[position..]);
            position += _literals[i].Length;
            var value = values[_slots[i]];
            value.CopyTo(span[position..]);
            position += value.Length;
        }

        _literals[^1].CopyTo(span[position..]);
    }
}
