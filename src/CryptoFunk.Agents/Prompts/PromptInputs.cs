using Microsoft.SemanticKernel;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// A template's declared variables, resolved once at compile time: which slot each name has, which ones are trusted
/// (allowed to carry markup), and how a call's arguments become one value per slot (argument, else default, else an
/// error for a required variable).
/// </summary>
internal sealed class PromptInputs
{
    private readonly Dictionary<string, int> _slots = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _promptName;
    private readonly bool[] _trusted;

    public PromptInputs(PromptTemplateConfig config)
    {
        _promptName = config.Name ?? "(unnamed)";
        Variables = [.. config.InputVariables];
        _trusted = new bool[Variables.Count];
        for (var i = 0; i < Variables.Count; i++)
        {
            _slots[Variables[i].Name] = i;
            _trusted[i] = config.AllowDangerouslySetContent || Variables[i].AllowDangerouslySetContent;
        }
    }

    public IReadOnlyList<InputVariable> Variables { get; }

    /// <summary>Per slot: whether the value may carry markup (allow_dangerously_set_content).</summary>
    public IReadOnlyList<bool> IsTrusted => _trusted;

    public int Count => Variables.Count;

    /// <summary>The slot of <paramref name="name"/>, or -1 when the config does not declare it.</summary>
    public int SlotOf(string name) => _slots.GetValueOrDefault(name, -1);

    /// <summary>One value per slot; null means "insert nothing".</summary>
    /// <exception cref="PromptRenderException">A required variable has neither a value nor a default.</exception>
    public object?[] Resolve(KernelArguments? arguments)
    {
        var values = new object?[Variables.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var variable = Variables[i];
            if (arguments is not null && arguments.TryGetValue(variable.Name, out var value) && value is not null)
            {
                values[i] = value;
            }
            else if (variable.Default is not null)
            {
                values[i] = variable.Default;
            }
            else if (variable.IsRequired)
            {
                throw new PromptRenderException(
                    $"prompt '{_promptName}' needs a value for '{variable.Name}': it is required and has no default",
                    variable.Name);
            }
        }

        return values;
    }
}
