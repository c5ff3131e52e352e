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
        AddTableHeader(title, headers);
        foreach (var row in rows)
        {
            AppendRow(_text, row);
        }

        return this;
    }

    /// <summary>Adds a Markdown table whose rows were written by <see cref="Row"/> beforehand, so a row several contexts share is formatted once.</summary>
    public ContextBuilder AddTable(string title, IReadOnlyList<string> headers, IEnumerable<string> rows)
    {
        AddTableHeader(title, headers);
        foreach (var row in rows)
        {
            _text.Append(row);
        }

        return this;
    }

    /// <summary>One table row as <see cref="AddTable(string, IReadOnlyList{string}, IEnumerable{IReadOnlyList{string}})"/> writes it, line break included.</summary>
    public static string Row(IReadOnlyList<string> cells) => AppendRow(new StringBuilder(128), cells).ToString();

    /// <summary>The context so far.</summary>
    public string Build() => _text.ToString();

    private static StringBuilder AppendRow(StringBuilder text, IReadOnlyList<string> cells) =>
        text.Append("| ").AppendJoin(" | ", cells).Append(" |\n");

    private void AddTableHeader(string title, IReadOnlyList<string> headers)
    {
        Separate();
        _text.Append("## ").Append(title).Append("\n\n| ").AppendJoin(" | ", headers).Append(" |\n|");
        for (var i = 0; i < headers.Count; i++)
        {
            _text.Append(" --- |");
        }

        _text.Append('\n');
    }

    private void Separate()
    {
        if (_text.Length > 0)
        {
            _text.Append('\n');
        }
    }
}
