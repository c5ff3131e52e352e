using CryptoFunk.Tests.Fakes;
using CryptoFunk.Tests.ModelPipeline;

namespace CryptoFunk.Tests.Backtesting;

/// <summary>The <see cref="TradingDesk"/> served by a fake OpenAI-compatible server on 127.0.0.1, configured as provider 0.</summary>
internal sealed class TradingDeskModel : IAsyncDisposable
{
    /// <summary>The provider id decisions are tagged with.</summary>
    public const string ProviderId = "openai/gpt-fake-1";

    private readonly FakeOpenAIServer _server;

    private TradingDeskModel(FakeOpenAIServer server) => _server = server;

    /// <summary>Requests the fake provider has been sent.</summary>
    public int RequestCount => _server.RequestCount;

    /// <summary>Settings that make the fake provider 0 (add keys such as its <c>TrainingCutoff</c>).</summary>
    public Dictionary<string, string?> Settings => PipelineHarness.Provider(0, "openai", _server.Endpoint, "gpt-fake-1");

    /// <summary>Starts the server.</summary>
    public static async Task<TradingDeskModel> StartAsync()
    {
        var server = await FakeOpenAIServer.StartAsync();
        server.Fallback = TradingDesk.Answer;
        return new TradingDeskModel(server);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
