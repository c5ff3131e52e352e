using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CryptoFunk.Tests.Exchanges;

/// <summary>A fake Binance on 127.0.0.1 and the real client wired to it, fresh for every test.</summary>
public abstract class BinanceExchangeTests
{
    private ServiceProvider _services = null!;

    /// <summary>The fake exchange.</summary>
    private protected FakeBinanceServer Server { get; private set; } = null!;

    /// <summary>The real client, talking to <see cref="Server"/>.</summary>
    protected IExchange Exchange { get; private set; } = null!;

    /// <summary>The clock the client runs on for one test; null for the system's.</summary>
    protected virtual TimeProvider? NewClock() => null;

    [SetUp]
    public async Task StartBinanceAsync()
    {
        Server = await FakeBinanceServer.StartAsync();
        _services = TestBinance.Services(Server, NewClock());
        Exchange = TestBinance.Exchange(_services);
    }

    [TearDown]
    public async Task StopBinanceAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
