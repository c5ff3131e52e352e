using CryptoFunk.Agents.Providers;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Tests.Providers;

/// <summary>
/// What the provider wire tests share: a fake vendor server on 127.0.0.1 per test, the provider's
/// <see cref="IChatClient"/> as the application builds it (SDK client behind our error layer), and one tool.
/// </summary>
public abstract class ProviderWireTests<TServer>
    where TServer : FakeLlmServer
{
    protected static readonly AIFunction GetPrice = AIFunctionFactory.Create(
        (string symbol) => 42000m, "MarketData_GetPrice", "The latest price of a symbol such as BTC/USDT.");

    protected TServer Server { get; private set; } = null!;

    protected IChatClient Client { get; private set; } = null!;

    [SetUp]
    public async Task StartAsync()
    {
        Server = await StartServerAsync();
        Client = ProviderHarness.Create(OptionsFor(Server));
    }

    [TearDown]
    public async Task StopAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    protected abstract Task<TServer> StartServerAsync();

    protected abstract LlmProviderOptions OptionsFor(TServer server);
}
