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

}
