using System.Text.Json;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Providers;

/// <summary>
/// What an Anthropic provider (the official SDK's <c>AsIChatClient</c> behind our error layer) sends and
/// understands, checked on the wire of a fake <c>/v1/messages</c>.
/// </summary>
public sealed class AnthropicProviderTests : ProviderWireTests<FakeAnthropicServer>
{
    protected override Task<FakeAnthropicServer> StartServerAsync() => FakeAnthropicServer.StartAsync();

    protected override LlmProviderOptions OptionsFor(FakeAnthropicServer server) => ProviderHarness.AnthropicOptions(server);

    [Test]
    public async Task A_normal_call_returns_text_usage_and_metadata()
    {
        Server.ReplyWithText("SELL", inputTokens: 200, outputTokens: 40);

        var response = await Client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are a risk manager."), new ChatMessage(ChatRole.User, "Approve?")]);

        Assert.Multiple(() =>
        {
            Assert.That(response.Text, Is.EqualTo("SELL"));
            Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(200));
            Assert.That(response.Usage?.OutputTokenCount, Is.EqualTo(40));
            Assert.That(response.Usage?.TotalTokenCount, Is.EqualTo(240));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
            Assert.That(response.ModelId, Is.EqualTo(AnthropicWire.DefaultModel));
            Assert.That(response.ResponseId, Is.EqualTo("msg_fake_1"));
        });

        var request = Server.LastRequest;
        var body = request.RequireJson();
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/v1/messages"));
            Assert.That(request.Header("anthropic-version"), Is.Not.Null.And.Not.Empty);
            Assert.That($"{request.Header("x-api-key")} {request.Header("Authorization")}", Does.Contain(ProviderHarness.AnthropicKey));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("claude-test"));
            Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(LlmProviderOptions.DefaultMaxOutputTokens));
            Assert.That(body.GetProperty("system")[0].GetProperty("text").GetString(), Is.EqualTo("You are a risk manager."));
            Assert.That(body.GetProperty("messages").GetArrayLength(), Is.EqualTo(1));
            Assert.That(body.GetProperty("messages")[0].GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(body.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString(), Is.EqualTo("Approve?"));
        });
    }

    [Test]
    public async Task Max_output_tokens_and_stop_sequences_reach_the_wire()
    {
        Server.ReplyWithText("ok");

        await Client.GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 321, StopSequences = ["END"], ModelId = "claude-other" });

        var body = Server.LastRequest.RequireJson();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("max_tokens").GetInt32(), Is.EqualTo(321));
            Assert.That(body.GetProperty("stop_sequences")[0].GetString(), Is.EqualTo("END"));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("claude-other"));
        });
    }

    [Test]
    public async Task Tool_call_round_trip_sends_the_result_as_a_tool_result_block()
    {
        Server.ReplyWithToolCalls("Let me look.", new FakeToolCall("toolu_1", "MarketData_GetPrice", """{"symbol":"BTC/USDT"}"""));
        Server.ReplyWithText("BTC/USDT trades at 42000.");
        var options = new ChatOptions { Tools = [GetPrice] };
        List<ChatMessage> history = [new(ChatRole.User, "What is BTC at?")];

        var first = await Client.GetResponseAsync(history, options);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(first.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(first.Text, Is.EqualTo("Let me look."));
            Assert.That(call.CallId, Is.EqualTo("toolu_1"));
            Assert.That(call.Name, Is.EqualTo("MarketData_GetPrice"));
            Assert.That(call.Arguments?["symbol"]?.ToString(), Is.EqualTo("BTC/USDT"));
        });

        history.AddRange(first.Messages);
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("toolu_1", "42000")]));
        var second = await Client.GetResponseAsync(history, options);

        Assert.That(second.Text, Is.EqualTo("BTC/USDT trades at 42000."));
        var tool = Server.Requests[0].RequireJson().GetProperty("tools")[0];
        Assert.Multiple(() =>
        {
            Assert.That(tool.GetProperty("name").GetString(), Is.EqualTo("MarketData_GetPrice"));
            Assert.That(tool.GetProperty("input_schema").GetProperty("properties").GetProperty("symbol").GetProperty("type").GetString(),
                Is.EqualTo("string"));
        });

        var messages = Server.Requests[1].RequireJson().GetProperty("messages");
        var toolUse = messages[1].GetProperty("content").EnumerateArray().Single(b => b.GetProperty("type").GetString() == "tool_use");
        var toolResult = messages[2].GetProperty("content")[0];
        Assert.Multiple(() =>
        {
            Assert.That(messages.GetArrayLength(), Is.EqualTo(3));
            Assert.That(messages[1].GetProperty("role").GetString(), Is.EqualTo("assistant"));
            Assert.That(toolUse.GetProperty("id").GetString(), Is.EqualTo("toolu_1"));
            Assert.That(toolUse.GetProperty("input").GetProperty("symbol").GetString(), Is.EqualTo("BTC/USDT"));
            Assert.That(messages[2].GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(toolResult.GetProperty("type").GetString(), Is.EqualTo("tool_result"));
            Assert.That(toolResult.GetProperty("tool_use_id").GetString(), Is.EqualTo("toolu_1"));
            Assert.That(ResultText(toolResult.GetProperty("content")), Is.EqualTo("42000"));
        });
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
            Assert.That(response.Usage?.InputTokenCount, Is.EqualTo(13));
            Assert.That(response.Usage?.OutputTokenCount, Is.EqualTo(8));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        });
        Assert.That(Server.LastRequest.RequireJson().GetProperty("stream").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Streamed_tool_input_deltas_are_assembled_into_one_call()
    {
        Server.Enqueue(FakeReply.Sse(AnthropicWire.ToolCallStream("toolu_9", "MarketData_GetPrice", ["{\"sym", "bol\": \"ETH", "/USDT\"}"])));

        var response = (await Client.GetStreamingResponseAsync("price?", new ChatOptions { Tools = [GetPrice] }).ToListAsync()).ToChatResponse();

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.CallId, Is.EqualTo("toolu_9"));
            Assert.That(call.Name, Is.EqualTo("MarketData_GetPrice"));
            Assert.That(call.Arguments?["symbol"]?.ToString(), Is.EqualTo("ETH/USDT"));
            Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
            Assert.That(response.Usage?.TotalTokenCount, Is.EqualTo(21));
        });
    }

    [Test]
    public void An_error_event_mid_stream_is_a_transient_failure()
    {
        Server.Enqueue(FakeReply.Sse([AnthropicWire.MessageStart(), AnthropicWire.ErrorEvent("overloaded_error", "Overloaded")]));

        var error = Assert.ThrowsAsync<LlmProviderException>(async () => await Client.GetStreamingResponseAsync("hi").ToListAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(LlmFailureKind.ServerError));
            Assert.That(error.IsTransient, Is.True);
            Assert.That(error.Message, Does.Contain("overloaded_error: Overloaded"));
        });
    }

    [Test]
    public async Task A_json_schema_response_format_goes_out_as_output_config()
    {
        Server.ReplyWithText("""{"approved":true}""");
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"approved":{"type":"boolean"}},"required":["approved"]}""").RootElement;

        var response = await Client.GetResponseAsync("approve?", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "approval") });

        Assert.That(response.Text, Is.EqualTo("""{"approved":true}"""));
        var format = Server.LastRequest.RequireJson().GetProperty("output_config").GetProperty("format");
        Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_schema"));
        Assert.That(format.GetProperty("schema").GetProperty("properties").GetProperty("approved").GetProperty("type").GetString(), Is.EqualTo("boolean"));
    }

    [Test]
    public void Metadata_names_the_provider_endpoint_and_model()
    {
        var metadata = Client.GetService<ChatClientMetadata>();

        Assert.That(metadata?.ProviderName, Is.EqualTo("anthropic"));
        Assert.That(metadata?.ProviderUri, Is.EqualTo(Server.BaseAddress));
        Assert.That(metadata?.DefaultModelId, Is.EqualTo("claude-test"));
    }

    // tool_result content is either a string or a list of text blocks; both are valid wire shapes.
    private static string ResultText(JsonElement content) =>
        content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(b => b.GetProperty("text").GetString()));
}
