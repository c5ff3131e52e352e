using CryptoFunk.Markets;
using CryptoFunk.Trading;
using Microsoft.Extensions.AI;

namespace CryptoFunk.Plugins;

/// <summary>
/// The plugins of one run over one market, built once and sharing one <see cref="DecisionClock"/>. Agents get
/// <see cref="ReadOnlyTools"/>, which cannot trade; orders go through <see cref="Orders"/> only from the execution
/// step, after risk approval.
/// </summary>
public sealed class TradingPlugins
{
    /// <summary>Builds every plugin for <paramref name="history"/>'s market; see <see cref="MarketDataPlugin"/> for <paramref name="orderBookAt"/>.</summary>
    public TradingPlugins(MarketHistory history, PaperBroker broker, DecisionClock clock, Func<DateTimeOffset, OrderBook?>? orderBookAt = null)
    {
        Clock = clock;
        MarketData = new MarketDataPlugin(history, clock, orderBookAt);
        Indicators = new IndicatorsPlugin(history, clock);
        Portfolio = new PortfolioPlugin(broker);
        Orders = new OrdersPlugin(broker, clock, history.Symbol);
        ReadOnlyTools = [.. MarketData.AsAIFunctions(), .. Indicators.AsAIFunctions(), .. Portfolio.AsAIFunctions()];
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

    /// <summary>The market data, indicator and portfolio functions: everything an agent may call, nothing that trades.</summary>
    public IReadOnlyList<AIFunction> ReadOnlyTools { get; }
}
