using CryptoFunk.Agents.Functions;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Agents;

public sealed class FunctionInvokingChatClientTests
{
    private static readonly AIFunction Price = AIFunctionFactory.Create((string symbol) => symbol == "BTC/USDT" ? 64000.5m : 0m, "MarketData_GetPrice");
    private static readonly AIFunction Rsi = AIFunctionFactory.Create(() => 28.4, "Indicators_GetRsi");
    private static readonly AIFunction Broken = AIFunctionFactory.Create(int () => throw new InvalidOperationException("exchange down"), "MarketData_Broken");

    [Test]
    public async Task Runs_every_call_of_a_round_and_sends_all_results_in_one_tool_message()
    {
        var inner = new ScriptedChatClient(
            _ => ScriptedChatClient.Calls(
                new FunctionCallContent("c1", "MarketData_GetPrice", new Dictionary<string, object?> { ["symbol"] = "BTC/USDT" }),
                new FunctionCallContent("c2", "Indicators_GetRsi")),
            _ => ScriptedChatClient.Text("{\"signal\":\"BUY\"}", input: 30, output: 7));
        var client = new FunctionInvokingChatClient(inner);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { Tools = [Price, Rsi] });

        Assert.That(response.Text, Is.EqualTo("{\"signal\":\"BUY\"}"));
        Assert.That(inner.Requests, Has.Count.EqualTo(2));
        var toolMessages = inner.Requests[1].Where(m => m.Role == ChatRole.Tool).ToList();
        Assert.That(toolMessages, Has.Count.EqualTo(1));
        var results = toolMessages[0].Contents.OfType<FunctionResultContent>().ToList();
        Assert.That(results.Select(r => r.CallId), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(results[0].Result?.ToString(), Is.EqualTo("64000.5"));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(40));
        Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(9));
    }

    [Test]
    public async Task An_unknown_function_is_answered_with_an_error_result()
    {
        var inner = new ScriptedChatClient(
            _ => ScriptedChatClient.Calls(new FunctionCallContent("c1", "Orders_PlaceOrder")),
            _ => ScriptedChatClient.Text("done"));
        var client = new FunctionInvokingChatClient(inner);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { Tools = [Price] });

        var result = inner.Requests[1].Last().Contents.OfType<FunctionResultContent>().Single();
        Assert.That(result.Result, Is.EqualTo("Error: Requested function \"Orders_PlaceOrder\" not found."));
    }

    [Test]
    public void Rethrows_after_more_than_three_consecutive_failing_rounds()
    {
        var inner = new ScriptedChatClient(_ => ScriptedChatClient.Calls(new FunctionCallContent(Guid.NewGuid().ToString(), "MarketData_Broken")));
        var client = new FunctionInvokingChatClient(inner);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { Tools = [Broken] }));

        Assert.That(error!.Message, Is.EqualTo("exchange down"));
        Assert.That(inner.Requests, Has.Count.EqualTo(4), "three failing rounds are tolerated, the fourth throws");
    }

    [Test]
    public async Task A_failure_followed_by_success_resets_the_error_count_and_hides_details_by_default()
    {
        var round = 0;
        var inner = new ScriptedChatClient(_ => ++round switch
        {
            1 or 2 or 3 => ScriptedChatClient.Calls(new FunctionCallContent($"b{round}", "MarketData_Broken")),
            4 => ScriptedChatClient.Calls(new FunctionCallContent("ok", "Indicators_GetRsi")),
            5 or 6 or 7 => ScriptedChatClient.Calls(new FunctionCallContent($"b{round}", "MarketData_Broken")),
            _ => ScriptedChatClient.Text("final"),
        });
        var client = new FunctionInvokingChatClient(inner);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { Tools = [Broken, Rsi] });

        Assert.That(response.Text, Is.EqualTo("final"));
        var firstError = inner.Requests[1].Last().Contents.OfType<FunctionResultContent>().Single();
        Assert.That(firstError.Result, Is.EqualTo("Error: Function failed."));
    }

    [Test]
    public async Task Stops_invoking_after_forty_rounds()
    {
        var inner = new ScriptedChatClient(_ => ScriptedChatClient.Calls(new FunctionCallContent(Guid.NewGuid().ToString(), "Indicators_GetRsi")));
        var client = new FunctionInvokingChatClient(inner);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")], new ChatOptions { Tools = [Rsi] });

        Assert.That(inner.Requests, Has.Count.EqualTo(41));
        Assert.That(response.Messages.Last().Contents.OfType<FunctionCallContent>(), Is.Not.Empty, "the last response is returned as it is");
    }

    [Test]
    public async Task Without_tools_the_response_passes_through()
    {
        var inner = new ScriptedChatClient(_ => ScriptedChatClient.Calls(new FunctionCallContent("c", "Indicators_GetRsi")));
        var client = new FunctionInvokingChatClient(inner);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "go")]);

        Assert.That(inner.Requests, Has.Count.EqualTo(1));
    }
}
