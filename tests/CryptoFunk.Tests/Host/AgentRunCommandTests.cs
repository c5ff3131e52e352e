using CryptoFunk.Host;
using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace CryptoFunk.Tests.Host;

public sealed class AgentRunCommandTests
{
    private static readonly string Data = SharedFiles.Path("data/candles/binance-spot-2017-2022/BTC_USDT-1h.csv");

    private static async Task<(int Code, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CryptoFunkApp.RunAsync(args, output, error, c => c.AddInMemoryCollection(settings), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Prints_the_answer_source_prompt_version_tokens_cost_and_latency()
    {
        using var dir = new TempDirectory();
        await using var openai = await FakeOpenAIServer.StartAsync();
        openai.ReplyWithText("{\"signal\":\"HOLD\",\"confidence\":0.55,\"reasoning\":\"Mixed signals.\",\"key_factors\":[\"ADX 34\"],\"risk_level\":\"LOW\"}", promptTokens: 2000, completionTokens: 100);
        var settings = new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={dir.File("cf.db")}",
            ["Llm:Providers:0:Type"] = "openai",
            ["Llm:Providers:0:Endpoint"] = openai.Endpoint.ToString(),
            ["Llm:Providers:0:Model"] = "gpt-test",
            ["Llm:Providers:0:ApiKey"] = "sk-test-key-for-agent-run",
            ["Llm:Providers:0:InputUsdPerMillionTokens"] = "3",
            ["Llm:Providers:0:OutputUsdPerMillionTokens"] = "15",
        };

        var (code, output, _) = await RunAsync(settings, "agent", "run", "technical_analysis", "--data", Data, "--symbol", "BTC/USDT", "--at", "2022-05-01T00:00:00Z");

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("source     llm:openai/gpt-test"));
        Assert.That(output, Does.Contain("tokens     in 2000, out 100"));
        Assert.That(output, Does.Contain("cost       $0.007500"));
        Assert.That(output, Does.Match(@"prompt     technical_analysis @ [0-9a-f]{16}"));
        Assert.That(output, Does.Contain("reasoning  Mixed signals."));
        Assert.That(output, Does.Contain("\"confidence\": 0.55"));
        Assert.That(output, Does.Not.Contain("sk-test-key-for-agent-run"));
    }

    [Test]
    public async Task A_time_before_the_data_is_refused()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = await RunAsync(new() { ["Database:ConnectionString"] = $"Data Source={dir.File("cf.db")}" }, "agent", "run", "technical_analysis", "--data", Data, "--symbol", "BTC/USDT", "--at", "2016-01-01");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no BTC/USDT 1h candle had closed by 2016-01-01T00:00:00Z"));
    }

    [Test]
    public async Task An_unknown_agent_is_named()
    {
        using var dir = new TempDirectory();
        var (code, _, error) = await RunAsync(new() { ["Database:ConnectionString"] = $"Data Source={dir.File("cf.db")}" }, "agent", "run", "fortune_teller", "--data", Data, "--symbol", "BTC/USDT", "--at", "2022-05-01");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("fortune_teller"));
    }
}
