namespace CryptoFunk.Agents.StructuredOutput;

/// <summary>
/// Where a value sits in an answer (<c>$.key_factors[0]</c>), as a chain of steps written out only when a violation
/// names it, so checking a valid answer builds no path text.
/// </summary>
internal sealed class JsonPath
{
    private readonly JsonPath? _parent;
    private readonly string? _property;
    private readonly int _index;

    private JsonPath(JsonPath? parent, string? property, int index)
    {
        _parent = parent;
        _property = property;
        _index = index;
    }

    /// <summary>The answer itself, <c>$</c>.</summary>
    public static JsonPath Root { get; } = new(null, null, -1);

    /// <summary>A property of this value.</summary>
    public JsonPath Property(string name) => new(this, name, -1);

    /// <summary>An item of this array.</summary>
    public JsonPath Item(int index) => new(this, null, index);

    /// <inheritdoc />
    public override string ToString() =>
        _parent is null ? "$" : _property is not null ? $"{_parent}.{_property}" : $"{_parent}[{_index}]";
}
