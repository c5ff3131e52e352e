using System.Text.Json;
using CryptoFunk.Agents.StructuredOutput;

namespace CryptoFunk.Tests.Agents;

public sealed class StructuredOutputTests
{
    private static readonly JsonElement SignalSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "signal": { "type": "string", "enum": ["BUY", "SELL", "HOLD"] },
            "confidence": { "type": "number", "minimum": 0, "maximum": 1 },
            "reasoning": { "type": "string", "minLength": 1 },
            "key_factors": { "type": "array", "items": { "type": "string" }, "maxItems": 5 },
            "entry_price": { "type": ["number", "null"], "exclusiveMinimum": 0 }
          },
          "required": ["signal", "confidence", "reasoning"],
          "additionalProperties": false
        }
        """).RootElement;

    [Test]
    public void Accepts_a_valid_answer_even_inside_a_code_fence()
    {
        var result = StructuredOutputParser.Parse("```json\n{\"signal\":\"BUY\",\"confidence\":0.7,\"reasoning\":\"RSI 28\",\"key_factors\":[\"rsi\"],\"entry_price\":null}\n```", SignalSchema);

        Assert.That(result.IsValid, Is.True, result.Error);
        Assert.That(result.Output!.Value.GetProperty("signal").GetString(), Is.EqualTo("BUY"));
    }

    [TestCase("{\"signal\":\"STRONG_BUY\",\"confidence\":0.7,\"reasoning\":\"x\"}", "$.signal: \"STRONG_BUY\" is not one of \"BUY\", \"SELL\", \"HOLD\"")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":1.5,\"reasoning\":\"x\"}", "$.confidence: 1.5 is greater than the maximum 1")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":-0.1,\"reasoning\":\"x\"}", "$.confidence: -0.1 is less than the minimum 0")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":\"high\",\"reasoning\":\"x\"}", "$.confidence: expected number, found \"high\"")]
    [TestCase("{\"signal\":\"BUY\",\"reasoning\":\"x\"}", "$.confidence: required field is missing")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":0.5,\"reasoning\":\"x\",\"size\":100}", "$.size: field is not allowed")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":0.5,\"reasoning\":\"\"}", "$.reasoning: has 0 characters, fewer than the minimum 1")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":0.5,\"reasoning\":\"x\",\"key_factors\":[1]}", "$.key_factors[0]: expected string, found 1")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":0.5,\"reasoning\":\"x\",\"entry_price\":0}", "$.entry_price: 0 must be greater than 0")]
    public void Reports_each_violation_with_its_path(string answer, string expected)
    {
        var result = StructuredOutputParser.Parse(answer, SignalSchema);

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Error, Does.Contain(expected));
    }

    [TestCase("{\"signal\":\"BUY\",\"confidence\":0.5,\"reasoning\":\"x\",\"entry_price\":1e40}", "$.entry_price: the number is out of range")]
    [TestCase("{\"signal\":\"BUY\",\"confidence\":0.5,\"reasoning\":\"x\",\"entry_price\":1e400}", "$.entry_price: the number is out of range")]
    public void Refuses_a_number_no_decimal_holds_rather_than_reading_it_as_none(string answer, string expected)
    {
        Assert.That(StructuredOutputParser.Parse(answer, SignalSchema).Error, Does.StartWith(expected));
    }

    [TestCase("I think you should buy.", "holds no JSON object")]
    [TestCase("{\"signal\": BUY}", "is not valid JSON")]
    [TestCase("", "was empty")]
    public void Refuses_text_that_is_not_json(string answer, string expected)
    {
        Assert.That(StructuredOutputParser.Parse(answer, SignalSchema).Error, Does.Contain(expected));
    }

    [Test]
    public void Any_of_accepts_one_matching_form()
    {
        var schema = JsonDocument.Parse("""{"anyOf":[{"type":"string"},{"type":"number","minimum":0}]}""").RootElement;

        Assert.That(JsonSchemaValidator.Validate(JsonDocument.Parse("3").RootElement, schema), Is.Empty);
        Assert.That(JsonSchemaValidator.Validate(JsonDocument.Parse("-3").RootElement, schema), Is.Not.Empty);
    }
}
