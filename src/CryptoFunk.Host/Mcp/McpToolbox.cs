using CryptoFunk.Markets;
using CryptoFunk.Markets.Exchanges;
using CryptoFunk.Plugins;
using CryptoFunk.Storage;
using CryptoFunk.Trading;
using Microsoft.Extensions.AI;
using ModelContextProtocol;

namespace CryptoFunk.Host.Mcp;

/// <summary>
/// The agents' own plugins (<see cref="TradingPlugins"/>) behind the MCP tools, brought up to date before each call:
/// the clock is set to the market's "now", the account catches up, and the plugins are rebuilt only when the candles
/// or the account changed. Calls run one at a time, so a call's clock cannot move under it.
/// </summary>
internal sealed class McpToolbox(McpMarket market, McpAccount account, bool allowOrders) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DecisionClock _clock = new();
    private TradingPlugins? _plugins;
    private MarketHistory? _history;
    private IBroker? _broker;

    /// <summary>The functions the server lists: market data, indicators and portfolio, and the order functions only when allowed.</summary>
    public async Task<IReadOnlyList<AIFunction>> FunctionsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Functions(await CurrentAsync(cancellationToken));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Calls function <paramref name="name"/> of the current plugins.</summary>
    /// <exception cref="McpException">The market data or the account could not be read; the message says why.</exception>
    public async ValueTask<object?> InvokeAsync(string name, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var function = Functions(await CurrentAsync(cancellationToken)).Single(f => f.Name == name);
            // Only the argument values: the MCP request's services would make Semantic Kernel build its kernel from them.
            return await function.InvokeAsync(new AIFunctionArguments(arguments), cancellationToken);
        }
        catch (Exception e) when (e is ExchangeException or JournalUnavailableException or InvalidOperationException)
        {
            throw new McpException($"{name}: {e.Message}", e);
        }
        finally
        {
            _gate.Release();
        }
    }

    private IReadOnlyList<AIFunction> Functions(TradingPlugins plugins) =>
        allowOrders && account.AcceptsOrders ? [.. plugins.ReadOnlyTools, .. plugins.OrderTools] : plugins.ReadOnlyTools;

    private async Task<TradingPlugins> CurrentAsync(CancellationToken cancellationToken)
    {
        var (history, now) = await market.CurrentAsync(cancellationToken);
        _clock.Set(now);
        var broker = await account.CurrentAsync(history, now, cancellationToken);
        if (_plugins is null || !ReferenceEquals(history, _history) || !ReferenceEquals(broker, _broker))
        {
            _plugins = new TradingPlugins(history, broker, _clock);
            _history = history;
            _broker = broker;
        }

        return _plugins;
    }

    public void Dispose() => _gate.Dispose();
}
