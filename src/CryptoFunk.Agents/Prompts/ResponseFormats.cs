namespace CryptoFunk.Agents.Prompts;

/// <summary>The <c>response_format</c> names SK and OpenAI use, in one place for the reader and the mapping.</summary>
public static class ResponseFormats
{
    /// <summary>Free text.</summary>
    public const string Text = "text";

    /// <summary>Any JSON object.</summary>
    public const string JsonObject = "json_object";

    /// <summary>JSON following a schema (<c>{type: json_schema, json_schema: {name, schema, strict}}</c>).</summary>
    public const string JsonSchema = "json_schema";
}
