using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// The <c>semantic-kernel</c> template format (SK's <c>KernelPromptTemplate</c>): <c>{{$variable}}</c> and
/// <c>{{'text'}}</c>. Compiling checks every variable is declared and that chat markup is well-formed; when no
/// inserted value may carry markup, the chat structure is parsed once here and a call only fills in values.
/// </summary>
public sealed partial class KernelPromptTemplate : IChatPromptTemplate
{
    private readonly PromptInputs _inputs;
    private readonly int[] _usedSlots;
    private readonly CompiledText _marked;
    private readonly bool _hasTrustedValues;
    private readonly CompiledText? _plain;
    private readonly PromptNodeTemplate[]? _messages;

    /// <summary>Compiles <paramref name="config"/>'s template.</summary>
    /// <exception cref="PromptTemplateException">An unknown construct, an undeclared variable, or malformed chat markup.</exception>
    public KernelPromptTemplate(PromptTemplateConfig config)
    {
        var template = config.Template;
        var reserved = template.AsSpan().IndexOfAny(CompiledText.MarkerStart, CompiledText.MarkerEnd);
        if (reserved >= 0)
        {
            throw PromptTemplateException.At(template, reserved, "the template contains the reserved characters U+E000 or U+E001");
        }

        _inputs = new PromptInputs(config);
        var marked = new StringBuilder(template.Length);
        var used = new SortedSet<int>();
        foreach (var block in TemplateTokenizer.Tokenize(template))
        {
            switch (block)
            {
                case TextBlock text:
                    marked.Append(text.Text);
                    break;
                case ValBlock value:
                    marked.Append(value.Value);
                    break;
                case VarBlock variable:
                    var slot = _inputs.SlotOf(variable.Name);
                    if (slot < 0)
                    {
                        var declared = _inputs.Count == 0 ? "none" : string.Join(", ", _inputs.Variables.Select(v => v.Name));
                        throw PromptTemplateException.At(template, variable.Offset,
                            $"{{{{${variable.Name}}}}} is not declared in input_variables (declared: {declared})");
                    }

                    _hasTrustedValues |= _inputs.IsTrusted[slot];
                    used.Add(slot);
                    marked.Append(CompiledText.Marker(slot));
                    break;
            }
        }

        _usedSlots = [.. used];
        var markedText = marked.ToString();
        _marked = CompiledText.Parse(markedText);
        if (_hasTrustedValues)
        {
            // A trusted value may add or close messages, so the structure is only known per call.
            return;
        }

        _plain = CompiledText.Parse(PromptContentEncoding.Decode(markedText));
        if (markedText.Contains("<message", StringComparison.OrdinalIgnoreCase))
        {
            _messages = CompileMessages(template, markedText);
        }
    }

    /// <summary>
    /// The prompt as SK's own template writes it: every value not allowed to carry markup is HTML-encoded, so SK's chat
    /// prompt parser reads the same messages as <see cref="RenderMessagesAsync"/>. The kernel is not used: the format
    /// has no function calls.
    /// </summary>
    public Task<string> RenderAsync(Kernel kernel, KernelArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_marked.Render(Values(arguments, encodeUntrusted: true)));
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<ChatMessage>> RenderMessagesAsync(KernelArguments? arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_hasTrustedValues)
        {
            return ValueTask.FromResult(ChatPromptParser.Parse(_marked.Render(Values(arguments, encodeUntrusted: true))));
        }

        var values = Values(arguments, encodeUntrusted: false);
        if (_messages is not null)
        {
            var nodes = new PromptNode[_messages.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                nodes[i] = _messages[i].Render(values);
            }

            var messages = ChatPromptParser.ToMessages(nodes);
            if (messages.Count > 0)
            {
                return ValueTask.FromResult<IReadOnlyList<ChatMessage>>(messages);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ChatMessage>>([ChatPromptParser.PlainText(_plain!.Render(values))]);
    }

    /// <summary>The formatted value of every used slot; with <paramref name="encodeUntrusted"/>, values that may not carry markup are encoded.</summary>
    private string[] Values(KernelArguments? arguments, bool encodeUntrusted)
    {
        var resolved = _inputs.Resolve(arguments);
        var values = new string[resolved.Length];
        foreach (var slot in _usedSlots)
        {
            var text = PromptValueFormatter.Format(resolved[slot]);
            values[slot] = encodeUntrusted && !_inputs.IsTrusted[slot] ? PromptContentEncoding.Encode(text) : text;
        }

        return values;
    }

    private static PromptNodeTemplate[]? CompileMessages(string template, string markedText)
    {
        List<PromptNode>? nodes;
        try
        {
            nodes = XmlPromptParser.Parse(markedText);
        }
        catch (XmlException e)
        {
            var column = e.LineNumber == 1 ? Math.Max(1, e.LinePosition - "<root>".Length) : e.LinePosition;
            throw new PromptTemplateException(
                $"the template's chat markup is not well-formed XML: {XmlPosition().Replace(e.Message, string.Empty)}; in message text write '<' as &lt; and '&' as &amp;",
                e.LineNumber,
                column,
                e);
        }

        var messages = nodes?
            .Where(n => n.TagName.Equals("message", StringComparison.OrdinalIgnoreCase) && n.Attributes.ContainsKey("role"))
            .Select(PromptNodeTemplate.From)
            .ToArray();
        return messages is { Length: > 0 } ? messages : null;
    }

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex XmlPosition();
}
