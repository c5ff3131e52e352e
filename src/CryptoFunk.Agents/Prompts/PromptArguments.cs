using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace CryptoFunk.Agents.Prompts;

/// <summary>
/// The values a template is rendered with (SK's <c>KernelArguments</c>): names are matched case-insensitively, values
/// may be strings, numbers or objects (objects are inserted as JSON, numbers in the invariant culture).
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Mirrors SK's KernelArguments.")]
public sealed class PromptArguments : IReadOnlyDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>No values yet; add them with the collection initializer.</summary>
    public PromptArguments()
    {
    }

    /// <summary>Copies <paramref name="values"/>.</summary>
    public PromptArguments(IEnumerable<KeyValuePair<string, object?>> values)
    {
        foreach (var (name, value) in values)
        {
            _values[name] = value;
        }
    }

    /// <inheritdoc/>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc/>
    public IEnumerable<object?> Values => _values.Values;

    /// <summary>Gets or replaces the value named <paramref name="name"/>.</summary>
    public object? this[string name]
    {
        get => _values[name];
        set => _values[name] = value;
    }

    /// <summary>Adds a value; for collection initializers.</summary>
    public void Add(string name, object? value) => _values.Add(name, value);

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
