using System.Buffers;
using System.Text.Json;

namespace CryptoFunk.Agents.Agents;

/// <summary>
/// An agent's answer as a typed value (a signal, a proposal, a review), so code that produced it (the rules engine)
/// hands it on without anyone parsing JSON back; <see cref="ToJson"/> gives the form in the prompt's output schema
/// that is shown in the chat and stored.
/// </summary>
/// <param name="AgentName">The agent that answered.</param>
public abstract record AgentAnswer(string AgentName)
{
    /// <summary>The answer in its prompt's output schema.</summary>
    public JsonElement ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Write(json);
            json.WriteEndObject();
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Writes the answer's properties in the schema's order.</summary>
    protected abstract void Write(Utf8JsonWriter json);

    /// <summary>Writes a number, or null when there is none.</summary>
    protected static void WriteNumber(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes an array of strings.</summary>
    protected static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
