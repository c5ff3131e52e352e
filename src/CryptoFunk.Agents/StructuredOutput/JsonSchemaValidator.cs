using System.Globalization;
using System.Text.Json;

namespace CryptoFunk.Agents.StructuredOutput;

/// <summary>
/// Checks a model's JSON answer against the output schema of its prompt: the subset of JSON Schema that structured
/// outputs use (<c>type</c> incl. type lists, <c>enum</c>, <c>const</c>, <c>minimum</c>/<c>maximum</c> and their
/// exclusive forms, <c>minLength</c>/<c>maxLength</c>, <c>properties</c>, <c>required</c>,
/// <c>additionalProperties</c>, <c>items</c>, <c>minItems</c>/<c>maxItems</c>, <c>anyOf</c>). Every violation is
/// reported with its JSON path, so the repair retry can tell the model exactly what to fix.
/// </summary>
public static class JsonSchemaValidator
{
    /// <summary>All violations of <paramref name="schema"/> by <paramref name="instance"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(JsonElement instance, JsonElement schema)
    {
        var errors = new List<string>();
        Validate(instance, schema, JsonPath.Root, errors);
        return errors;
    }

    // Every answer is checked, and almost every answer is valid: the path, the number's text and the instance's
    // description are only written out for a violation, and schema keys are looked up as UTF-8 without transcoding.
    private static void Validate(JsonElement instance, JsonElement schema, JsonPath path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here");
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("anyOf"u8, out var anyOf) && anyOf.ValueKind == JsonValueKind.Array && !MatchesAny(instance, anyOf))
        {
            errors.Add($"{path}: {Describe(instance)} matches none of the allowed forms");
            return;
        }

        if (schema.TryGetProperty("type"u8, out var type) && !MatchesType(instance, type))
        {
            errors.Add($"{path}: expected {TypeText(type)}, found {Describe(instance)}");
            return;
        }

        if (schema.TryGetProperty("enum"u8, out var allowed) && allowed.ValueKind == JsonValueKind.Array && !Contains(allowed, instance))
        {
            errors.Add($"{path}: {Describe(instance)} is not one of {string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()))}");
        }

        if (schema.TryGetProperty("const"u8, out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            errors.Add($"{path}: {Describe(instance)} must be {constant.GetRawText()}");
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Number:
                CheckRange(instance.GetDouble(), schema, path, errors);
                break;
            case JsonValueKind.String:
                CheckLength(instance, static s => s.GetString()!.Length, schema, "minLength"u8, "maxLength"u8, "characters", path, errors);
                break;
            case JsonValueKind.Array:
                CheckLength(instance, static a => a.GetArrayLength(), schema, "minItems"u8, "maxItems"u8, "items", path, errors);
                if (schema.TryGetProperty("items"u8, out var items))
                {
                    var index = 0;
                    foreach (var item in instance.EnumerateArray())
                    {
                        Validate(item, items, path.Item(index++), errors);
                    }
                }

                break;
            case JsonValueKind.Object:
                CheckObject(instance, schema, path, errors);
                break;
        }
    }

    private static bool MatchesAny(JsonElement instance, JsonElement options)
    {
        foreach (var option in options.EnumerateArray())
        {
            var errors = new List<string>();
            Validate(instance, option, JsonPath.Root, errors);
            if (errors.Count == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(JsonElement allowed, JsonElement instance)
    {
        foreach (var value in allowed.EnumerateArray())
        {
            if (JsonElement.DeepEquals(value, instance))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckObject(JsonElement instance, JsonElement schema, JsonPath path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties"u8, out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (schema.TryGetProperty("required"u8, out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray())
            {
                var text = name.GetString()!;
                if (!instance.TryGetProperty(text, out _))
                {
                    errors.Add($"{path.Property(text)}: required field is missing");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties"u8, out var a) ? a : default;
        foreach (var property in instance.EnumerateObject())
        {
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(property.Value, propertySchema, path.Property(property.Name), errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{path.Property(property.Name)}: field is not allowed");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Validate(property.Value, additional, path.Property(property.Name), errors);
            }
        }
    }

    private static void CheckRange(double value, JsonElement schema, JsonPath path, List<string> errors)
    {
        string Text() => value.ToString("R", CultureInfo.InvariantCulture);
        if (schema.TryGetProperty("minimum"u8, out var min) && value < min.GetDouble())
        {
            errors.Add($"{path}: {Text()} is less than the minimum {min.GetRawText()}");
        }

        if (schema.TryGetProperty("maximum"u8, out var max) && value > max.GetDouble())
        {
            errors.Add($"{path}: {Text()} is greater than the maximum {max.GetRawText()}");
        }

        if (schema.TryGetProperty("exclusiveMinimum"u8, out var xmin) && xmin.ValueKind == JsonValueKind.Number && value <= xmin.GetDouble())
        {
            errors.Add($"{path}: {Text()} must be greater than {xmin.GetRawText()}");
        }

        if (schema.TryGetProperty("exclusiveMaximum"u8, out var xmax) && xmax.ValueKind == JsonValueKind.Number && value >= xmax.GetDouble())
        {
            errors.Add($"{path}: {Text()} must be less than {xmax.GetRawText()}");
        }
    }

    /// <summary>Checks a length bound; <paramref name="lengthOf"/> is only asked when the schema has one (a string's length needs the string).</summary>
    private static void CheckLength(
        JsonElement instance, Func<JsonElement, int> lengthOf, JsonElement schema, ReadOnlySpan<byte> minKey, ReadOnlySpan<byte> maxKey, string unit, JsonPath path, List<string> errors)
    {
        var hasMin = schema.TryGetProperty(minKey, out var min);
        var hasMax = schema.TryGetProperty(maxKey, out var max);
        if (!hasMin && !hasMax)
        {
            return;
        }

        var length = lengthOf(instance);
        if (hasMin && length < min.GetInt32())
        {
            errors.Add($"{path}: has {length} {unit}, fewer than the minimum {min.GetInt32()}");
        }

        if (hasMax && length > max.GetInt32())
        {
            errors.Add($"{path}: has {length} {unit}, more than the maximum {max.GetInt32()}");
        }
    }

    private static bool MatchesType(JsonElement instance, JsonElement type)
    {
        switch (type.ValueKind)
        {
            case JsonValueKind.String:
                return MatchesTypeName(instance, type);
            case JsonValueKind.Array:
                foreach (var name in type.EnumerateArray())
                {
                    if (MatchesTypeName(instance, name))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return true;
        }
    }

    private static bool MatchesTypeName(JsonElement instance, JsonElement type) =>
        type.ValueEquals("object"u8) ? instance.ValueKind == JsonValueKind.Object :
        type.ValueEquals("array"u8) ? instance.ValueKind == JsonValueKind.Array :
        type.ValueEquals("string"u8) ? instance.ValueKind == JsonValueKind.String :
        type.ValueEquals("number"u8) ? instance.ValueKind == JsonValueKind.Number :
        type.ValueEquals("integer"u8) ? instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _) :
        type.ValueEquals("boolean"u8) ? instance.ValueKind is JsonValueKind.True or JsonValueKind.False :
        type.ValueEquals("null"u8) && instance.ValueKind == JsonValueKind.Null;

    private static string TypeText(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? string.Join(" or ", type.EnumerateArray().Select(t => t.GetString())) : type.GetString() ?? "?";

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.String => $"\"{Shorten(instance.GetString()!)}\"",
        JsonValueKind.Number => instance.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => instance.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => instance.ValueKind.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
