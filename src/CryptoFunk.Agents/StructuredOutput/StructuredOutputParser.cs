using System.Text.Json;

namespace CryptoFunk.Agents.StructuredOutput;

/// <summary>
/// Turns a model's text into a validated JSON object: takes the JSON out of the text (models sometimes wrap it in a
/// code fence or a sentence), parses it and validates it against the output schema. Every number must also fit in a
/// decimal, the type code reads prices and sizes in: JSON allows <c>1e40</c>, which would otherwise be read as no
/// number at all (an entry "at market", a size "as proposed"). A failure says what is wrong in words the model can act
/// on in a repair retry.
/// </summary>
public static class StructuredOutputParser
{
    /// <summary>The parsed and validated output, or the reason it is not acceptable.</summary>
    public static StructuredOutputResult Parse(string? text, JsonElement? schema)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return StructuredOutputResult.Invalid("the answer was empty; reply with one JSON object");
        }

        var json = ExtractJsonObject(text);
        if (json is null)
        {
            return StructuredOutputResult.Invalid("the answer holds no JSON object; reply with exactly one JSON object and nothing else");
        }

        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(json);
            element = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return StructuredOutputResult.Invalid($"the answer is not valid JSON ({e.Message}); reply with one valid JSON object");
        }

        if (schema is { } s)
        {
            var errors = JsonSchemaValidator.Validate(element, s);
            if (errors.Count > 0)
            {
                return StructuredOutputResult.Invalid("the JSON does not match the required schema: " + string.Join("; ", errors));
            }
        }

        return NumberOutOfRange(element, JsonPath.Root) is { } path
            ? StructuredOutputResult.Invalid($"{path}: the number is out of range; numbers must have at most 28 digits before the decimal point")
            : StructuredOutputResult.Valid(element);
    }

    /// <summary>The path of the first number in <paramref name="element"/> a decimal cannot hold, or null.</summary>
    private static string? NumberOutOfRange(JsonElement element, JsonPath path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return element.TryGetDecimal(out _) ? null : path.ToString();
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (IsOrHoldsNumber(property.Value) && NumberOutOfRange(property.Value, path.Property(property.Name)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (IsOrHoldsNumber(item) && NumberOutOfRange(item, path.Item(index)) is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsOrHoldsNumber(JsonElement element) => element.ValueKind is JsonValueKind.Number or JsonValueKind.Object or JsonValueKind.Array;

    private static string? ExtractJsonObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        return start >= 0 && end > start ? text[start..(end + 1)] : null;
    }
}
