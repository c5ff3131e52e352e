using System.Text;

namespace CryptoFunk.Agents.Context;

/// <summary>
/// Builds the structured context an agent reads, as the design document's context builder: titled sections, tables
/// and time series in Markdown, in a fixed order, so the same state always renders to the same text (which keeps
/// the exact cache and replay working).
/// </summary>
public sealed class ContextBuilder
{
    private readonly StringBuilder _text = new(2048);

    /// <summary>Adds <c>## title</c> and the content.</summary>
    public ContextBuilder AddSection(string title, string content)
    {
        Separate();
        _text.Append("## ").Append(title).Append("\n\n").Append(content.TrimEnd()).Append('\n');
        return this;
    }

    /// <summary>Adds a Markdown table.</summary>
    public ContextBuilder AddTable(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Separate();
        _text.Append("## ").Append(title).Append("\n\n| ").AppendJoin(" | ", headers).Append(" |\n|");
        for (var i = 0; i < headers.Count; i++)
        {
            _text.Append(" --- |");
        }

        _text.Append('\n');
        foreach (var row in rows)
        {
            _text.Append("| ").AppendJoin(" | ", row).Append(" |\n");
        }

        return this;
    }

    /// <summary>The context so far.</summary>
    public string Build() => _text.ToString();

    private void Separate()
    {
        if (_text.Length > 0)
        {
            _text.Append('\n');
        }
    }
}
