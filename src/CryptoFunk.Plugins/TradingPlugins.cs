using CryptoFunk.Markets;
using CryptoFunk.Trading;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace CryptoFunk.Plugins;

/// <summary>
/// The plugins of one run over one market, built once and sharing one <see cref="DecisionClock"/>: as Semantic Kernel
/// plugins for a <see cref="Kernel"/>, and as functions for agents. Agents get <see cref="ReadOnlyTools"/>, which
/// cannot trade; orders go through <see cref="Orders"/> only from the execution step, after risk approval.
/// </summary>
public sealed class TradingPlugins
{
    /// <summary>Builds every plugin for <paramref name="history"/>'s market; see <see cref="MarketDataPlugin"/> for <paramref name="orderBookAt"/>.</summary>
    public TradingPlugins(MarketHistory history, IBroker broker, DecisionClock clock, Func<DateTimeOffset, OrderBook?>? orderBookAt = null)
    {
        Clock = clock;
        MarketData = new MarketDataPlugin(history, clock, orderBookAt);
        Indicators = new IndicatorsPlugin(history, clock);
        Portfolio = new PortfolioPlugin(broker);
        Orders = new OrdersPlugin(broker, clock, history.Symbol);
        KernelPlugin[] readOnly = [PluginFunctions.CreatePlugin(MarketData), PluginFunctions.CreatePlugin(Indicators), PluginFunctions.CreatePlugin(Portfolio)];
        var orders = PluginFunctions.CreatePlugin(Orders);
        KernelPlugins = [.. readOnly, orders];
        ReadOnlyTools = [.. readOnly.SelectMany(plugin => plugin.ToAIFunctions())];
        OrderTools = orders.ToAIFunctions();
    }

    /// <summary>The clock the trading loop sets before each decision.</summary>
    public DecisionClock Clock { get; }

    /// <summary>Candles, ticker and order book.</summary>
    public MarketDataPlugin MarketData { get; }

    /// <summary>Indicator snapshot.</summary>
    public IndicatorsPlugin Indicators { get; }

    /// <summary>Account and positions, read-only.</summary>
    public PortfolioPlugin Portfolio { get; }

    /// <summary>Order placement and cancellation; never handed to analysis agents.</summary>
    public OrdersPlugin Orders { get; }

    /// <summary>The four plugins (MarketData, Indicators, Portfolio, Orders) for a <see cref="Kernel"/>.</summary>
    public IReadOnlyList<KernelPlugin> KernelPlugins { get; }

    /// <summary>The market data, indicator and portfolio functions: everything an agent may call, nothing that trades.</summary>
    public IReadOnlyList<AIFunction> ReadOnlyTools { get; }

    /// <summary>The order functions, for an execution step driven by a model.</summary>
    public IReadOnlyList<AIFunction> OrderTools { get; }
}
