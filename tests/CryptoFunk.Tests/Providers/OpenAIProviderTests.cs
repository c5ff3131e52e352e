using System.Text.Json;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Providers;

/// <summary>What an OpenAI-compatible provider (Microsoft.Extensions.AI.OpenAI behind our error layer) sends and understands, checked on the wire of a fake.</summary>
public sealed class OpenAIProviderTests : ProviderWireTests<FakeOpenAIServer>
{
    protected override Task<FakeOpenAIServer> StartServerAsync() => FakeOpenAIServer.StartAsync();

    protected override LlmProviderOptions OptionsFor(FakeOpenAIServer server) => ProviderHarness.OpenAIOptions(server);

    [Test]
    public async Task A_normal_call_returns_text_usage_and_metadata()
    {
        Server.ReplyWithText("HOLD", promptTokens: 120, completionTokens: 30);

        var response = await Client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are a technical analyst."), new ChatMessage(ChatRole.User, "Signal for BTC/USDT?")]);

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("HOLD"));
            Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(120));
            Assert.That(response.Usage?.OutputTokenCount, Is.EqualTo(30));
            Assert.That(response.Usage?.TotalTokenCount, Is.EqualTo(150));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(response.ModelId, Is.EqualTo(OpenAIWire.DefaultModel));
            Assert.That(response.ResponseId, Is.EqualTo("chatcmpl-fake-1"));
            Assert.That(response.Messages.Single().Role, Is.EqualTo(ChatRole.Assistant));
        });

        var request = Server.LastRequest;
        var body = request.RequireJson();
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/v1/chat/completions"));
            Assert.That(request.Header("Authorization"), Is.EqualTo($"Bearer {ProviderHarness.OpenAIKey}"));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("gpt-test"));
            Assert.That(body.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(LlmProviderOptions.DefaultMaxOutputTokens));
            Assert.That(body.TryGetProperty("stream", out _), Is.False);
            Assert.That(Roles(body), Is.EqualTo("system,user"));
            Assert.That(body.GetProperty("messages")[0].GetProperty("content").GetString(), Is.EqualTo("You are a technical analyst."));
            Assert.That(body.GetProperty("messages")[1].GetProperty("content").GetString(), Is.EqualTo("Signal for BTC/USDT?"));
        });
    }

    [Test]
    public async Task Chat_options_reach_the_wire()
    {
        Server.ReplyWithText("ok");

        await Client.GetResponseAsync("hi", new ChatOptions
        {
            ModelId = "gpt-other",
            Temperature = 0.25f,
            TopP = 0.5f,
            MaxOutputTokens = 321,
            Seed = 42,
            StopSequences = ["END"],
            PresencePenalty = 0.1f,
            FrequencyPenalty = 0.2f,
            Instructions = "Answer in JSON.",
        });

        var body = Server.LastRequest.RequireJson();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("gpt-other"));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.25).Within(1e-6));
            Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(0.5).Within(1e-6));
            Assert.That(body.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(321));
            Assert.That(body.GetProperty("seed").GetInt64(), Is.EqualTo(42));
            Assert.That(body.GetProperty("stop")[0].GetString(), Is.EqualTo("END"));
            Assert.That(body.GetProperty("presence_penalty").GetDouble(), Is.EqualTo(0.1).Within(1e-6));
            Assert.That(body.GetProperty("frequency_penalty").GetDouble(), Is.EqualTo(0.2).Within(1e-6));
            Assert.That(body.GetProperty("messages")[0].GetProperty("role").GetString(), Is.EqualTo("system"));
            Assert.That(body.GetProperty("messages")[0].GetProperty("content").GetString(), Is.EqualTo("Answer in JSON."));
        });
    }

    [Test]
    public async Task Tool_call_round_trip_sends_the_result_as_a_tool_message()
    {
        Server.ReplyWithToolCalls(new FakeToolCall("call_1", "MarketData_GetPrice", """{"symbol":"BTC/USDT"}"""));
        Server.ReplyWithText("BTC/USDT trades at 42000.");
        var options = new ChatOptions { Tools = [GetPrice] };
        List<ChatMessage> history = [new(ChatRole.User, "What is BTC at?")];

        var first = await Client.GetResponseAsync(history, options);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(first.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(call.CallId, Is.EqualTo("call_1"));
            Assert.That(call.Name, Is.EqualTo("MarketData_GetPrice"));
            Assert.That(call.Arguments?["symbol"]?.ToString(), Is.EqualTo("BTC/USDT"));
            Assert.That(call.Exception, Is.Null);
        });

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "42000")]));
        var second = await Client.GetResponseAsync(history, options);

        Assert.That(second.Text, Is.EqualTo("BTC/USDT trades at 42000."));
        var tools = Server.Requests[0].RequireJson();
        var function = tools.GetProperty("tools")[0];
        Assert.Multiple(() =>
        {
            Assert.That(function.GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(function.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("MarketData_GetPrice"));
            Assert.That(function.GetProperty("function").GetProperty("description").GetString(), Does.Contain("latest price"));
            Assert.That(function.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("symbol")
                .GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(tools.GetProperty("tool_choice").GetString(), Is.EqualTo("auto"));
        });

        var messages = Server.Requests[1].RequireJson().GetProperty("messages");
        var assistant = messages[1];
        var toolMessage = messages[2];
        Assert.Multiple(() =>
        {
            Assert.That(Roles(Server.Requests[1].RequireJson()), Is.EqualTo("user,assistant,tool"));
            Assert.That(assistant.GetProperty("tool_calls")[0].GetProperty("id").GetString(), Is.EqualTo("call_1"));
            Assert.That(assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("MarketData_GetPrice"));
            Assert.That(JsonDocument.Parse(assistant.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()!)
                .RootElement.GetProperty("symbol").GetString(), Is.EqualTo("BTC/USDT"));
            Assert.That(toolMessage.GetProperty("tool_call_id").GetString(), Is.EqualTo("call_1"));
            Assert.That(toolMessage.GetProperty("content").GetString(), Is.EqualTo("42000"));
        });
    }

    [Test]
    public async Task Tool_results_that_are_objects_are_sent_as_json()
    {
        Server.ReplyWithText("ok");

        await Client.GetResponseAsync(
            [
                new ChatMessage(ChatRole.User, "price?"),
                new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_2", "MarketData_GetPrice", new Dictionary<string, object?> { ["symbol"] = "ETH/USDT" })]),
                new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_2", new { price = 2500.5m, symbol = "ETH/USDT" })]),
            ],
            new ChatOptions { Tools = [GetPrice] });

        var tool = Server.LastRequest.RequireJson().GetProperty("messages")[2];
        var result = JsonDocument.Parse(tool.GetProperty("content").GetString()!).RootElement;
        Assert.That(result.GetProperty("price").GetDecimal(), Is.EqualTo(2500.5m));
        Assert.That(Server.LastRequest.RequireJson().GetProperty("messages")[1].TryGetProperty("content", out var content) &&
                    content.ValueKind != JsonValueKind.Null, Is.False, "a tool-only assistant turn carries no content");
    }

    [TestCase("none", "\"none\"")]
    [TestCase("required", "\"required\"")]
    [TestCase("MarketData_GetPrice", """{"type":"function","function":{"name":"MarketData_GetPrice"}}""")]
    public async Task Tool_mode_becomes_tool_choice(string mode, string expected)
    {
        Server.ReplyWithText("ok");
        var toolMode = mode switch
        {
            "none" => (ChatToolMode)ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            _ => ChatToolMode.RequireSpecific(mode),
        };

        await Client.GetResponseAsync("hi", new ChatOptions { Tools = [GetPrice], ToolMode = toolMode });

        var choice = Server.LastRequest.RequireJson().GetProperty("tool_choice");
        Assert.That(JsonSerializer.Serialize(choice), Is.EqualTo(expected));
    }

    [Test]
    public async Task Streaming_text_arrives_in_pieces_with_usage()
    {
        Server.ReplyWithTextStream("Hel", "lo ", "world");

        var updates = await Client.GetStreamingResponseAsync("hi").ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Multiple(() =>
        {
            Assert.That(string.Join("|", updates.Select(u => u.Text).Where(t => t.Length > 0)), Is.EqualTo("Hel|lo |world"));
            Assert.That(response.Text, Is.EqualTo("Hello world"));
            Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(11));
            Assert.That(response.Usage?.OutputTokenCount, Is.EqualTo(7));
            Assert.That(response.Usage?.TotalTokenCount, Is.EqualTo(18));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(response.ModelId, Is.EqualTo(OpenAIWire.DefaultModel));
        });

        var body = Server.LastRequest.RequireJson();
        Assert.That(body.GetProperty("stream").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Streamed_tool_call_deltas_are_assembled_into_one_call()
    {
        Server.Enqueue(FakeReply.Sse(OpenAIWire.ToolCallStream("call_9", "MarketData_GetPrice", ["{\"sym", "bol\": \"ETH", "/USDT\"}"])));

        var response = (await Client.GetStreamingResponseAsync("price?", new ChatOptions { Tools = [GetPrice] }).ToListAsync()).ToChatResponse();

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.CallId, Is.EqualTo("call_9"));
            Assert.That(call.Name, Is.EqualTo("MarketData_GetPrice"));
            Assert.That(call.Arguments?["symbol"]?.ToString(), Is.EqualTo("ETH/USDT"));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(response.Usage?.TotalTokenCount, Is.EqualTo(18));
        });
    }

    [Test]
    public async Task A_json_schema_response_format_reaches_the_wire()
    {
        Server.ReplyWithText("""{"signal":"BUY","confidence":0.8}""");
        var schema = JsonDocument.Parse("""
            {"type":"object","properties":{"signal":{"type":"string","enum":["BUY","SELL","HOLD"]},"confidence":{"type":"number"}},
             "required":["signal","confidence"],"additionalProperties":false}
            """).RootElement;

        var response = await Client.GetResponseAsync("signal?", new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "trading_signal", "A trading signal."),
            AdditionalProperties = new() { [PromptExecutionSettingsExtensions.StrictJsonSchemaKey] = true },
        });

        Assert.That(response.Text, Is.EqualTo("""{"signal":"BUY","confidence":0.8}"""));
        var format = Server.LastRequest.RequireJson().GetProperty("response_format");
        Assert.Multiple(() =>
        {
            Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_schema"));
            Assert.That(format.GetProperty("json_schema").GetProperty("name").GetString(), Is.EqualTo("trading_signal"));
            Assert.That(format.GetProperty("json_schema").GetProperty("description").GetString(), Is.EqualTo("A trading signal."));
            Assert.That(format.GetProperty("json_schema").GetProperty("strict").GetBoolean(), Is.True);
            Assert.That(format.GetProperty("json_schema").GetProperty("schema").GetProperty("properties").GetProperty("signal")
                .GetProperty("enum").GetArrayLength(), Is.EqualTo(3));
        });
    }

    [TestCase("json", "json_object")]
    [TestCase("text", "text")]
    public async Task Json_and_text_response_formats_reach_the_wire(string format, string expected)
    {
        Server.ReplyWithText("{}");

        await Client.GetResponseAsync("hi", new ChatOptions { ResponseFormat = format == "json" ? ChatResponseFormat.Json : ChatResponseFormat.Text });

        Assert.That(Server.LastRequest.RequireJson().GetProperty("response_format").GetProperty("type").GetString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_base_path_before_chat_completions_is_kept()
    {
        var options = ProviderHarness.OpenAIOptions(Server);
        options.Endpoint = new Uri(Server.BaseAddress, "gateway/openai/v1").ToString();
        using var client = ProviderHarness.Create(options);
        Server.ReplyWithText("ok");

        await client.GetResponseAsync("hi");

        Assert.That(Server.LastRequest.Path, Is.EqualTo("/gateway/openai/v1/chat/completions"));
    }

    [Test]
    public async Task A_local_server_without_a_key_gets_no_authorization_header()
    {
        var options = ProviderHarness.OpenAIOptions(Server);
        options.ApiKey = null;
        using var client = ProviderHarness.Create(options);
        Server.ReplyWithText("ok");

        await client.GetResponseAsync("hi");

        Assert.That(Server.LastRequest.Header("Authorization"), Is.Null);
    }

    [Test]
    public void Metadata_names_the_provider_endpoint_and_model()
    {
        var metadata = Client.GetService<ChatClientMetadata>();

        Assert.That(metadata?.ProviderName, Is.EqualTo("openai"));
        Assert.That(metadata?.ProviderUri, Is.EqualTo(Server.Endpoint));
        Assert.That(metadata?.DefaultModelId, Is.EqualTo("gpt-test"));
    }

    private static string Roles(JsonElement body) =>
        string.Join(",", body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
}
