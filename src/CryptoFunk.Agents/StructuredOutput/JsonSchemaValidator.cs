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
        Validate(instance, schema, "$", errors);
        return errors;
    }

    private static void Validate(JsonElement instance, JsonElement schema, string path, List<string> errors)
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

        if (schema.TryGetProperty("anyOf", out var anyOf) && anyOf.ValueKind == JsonValueKind.Array)
        {
            var matched = anyOf.EnumerateArray().Any(option => Validate(instance, option).Count == 0);
            if (!matched)
            {
                errors.Add($"{path}: {Describe(instance)} matches none of the allowed forms");
                return;
            }
        }

        if (schema.TryGetProperty("type", out var type) && !MatchesType(instance, type))
        {
            errors.Add($"{path}: expected {TypeText(type)}, found {Describe(instance)}");
            return;
        }

        if (schema.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array
            && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, instance)))
        {
            errors.Add($"{path}: {Describe(instance)} is not one of {string.Join(", ", allowed.EnumerateArray().Select(a => a.GetRawText()))}");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            errors.Add($"{path}: {Describe(instance)} must be {constant.GetRawText()}");
        }

        switch (instance.ValueKind)
        {
            case JsonValueKind.Number:
                CheckRange(instance.GetDouble(), schema, path, errors);
                break;
            case JsonValueKind.String:
                CheckLength(instance.GetString()!.Length, schema, "minLength", "maxLength", "characters", path, errors);
                break;
            case JsonValueKind.Array:
                CheckLength(instance.GetArrayLength(), schema, "minItems", "maxItems", "items", path, errors);
                if (schema.TryGetProperty("items", out var items))
                {
                    var index = 0;
                    foreach (var item in instance.EnumerateArray())
                    {
                        Validate(item, items, $"{path}[{index++}]", errors);
                    }
                }

                break;
            case JsonValueKind.Object:
                CheckObject(instance, schema, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonElement instance, JsonElement schema, string path, List<string> errors)
    {
        var properties = schema.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}.{name}: required field is missing");
                }
            }
        }

        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;
        foreach (var property in instance.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(property.Value, propertySchema, childPath, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add($"{childPath}: field is not allowed");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Validate(property.Value, additional, childPath, errors);
            }
        }
    }

    private static void CheckRange(double value, JsonElement schema, string path, List<string> errors)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (schema.TryGetProperty("minimum", out var min) && value < min.GetDouble())
        {
            errors.Add($"{path}: {text} is less than the minimum {min.GetRawText()}");
        }

        if (schema.TryGetProperty("maximum", out var max) && value > max.GetDouble())
        {
            errors.Add($"{path}: {text} is greater than the maximum {max.GetRawText()}");
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var xmin) && xmin.ValueKind == JsonValueKind.Number && value <= xmin.GetDouble())
        {
            errors.Add($"{path}: {text} must be greater than {xmin.GetRawText()}");
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var xmax) && xmax.ValueKind == JsonValueKind.Number && value >= xmax.GetDouble())
        {
            errors.Add($"{path}: {text} must be less than {xmax.GetRawText()}");
        }
    }

    private static void CheckLength(int length, JsonElement schema, string minKey, string maxKey, string unit, string path, List<string> errors)
    {
        if (schema.TryGetProperty(minKey, out var min) && length < min.GetInt32())
        {
            errors.Add($"{path}: has {length} {unit}, fewer than the minimum {min.GetInt32()}");
        }

        if (schema.TryGetProperty(maxKey, out var max) && length > max.GetInt32())
        {
            errors.Add($"{path}: has {length} {unit}, more than the maximum {max.GetInt32()}");
        }
    }

    private static bool MatchesType(JsonElement instance, JsonElement type) => type.ValueKind switch
    {
        JsonValueKind.String => MatchesType(instance, type.GetString()!),
        JsonValueKind.Array => type.EnumerateArray().Any(t => MatchesType(instance, t.GetString()!)),
        _ => true,
    };

    private static bool MatchesType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => false,
    };

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
