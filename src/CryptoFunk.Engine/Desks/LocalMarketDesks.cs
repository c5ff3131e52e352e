using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Markets;
using CryptoFunk.Trading.Risk;

namespace CryptoFunk.Engine.Desks;

/// <summary>The markets' desks in the session's own process (backtests, baselines, one-process paper runs).</summary>
/// <param name="maker">Decides for every market.</param>
/// <param name="participants">The agents of each decision.</param>
/// <param name="time">Stamps the rows.</param>
public sealed class LocalMarketDesks(TradingDecisionMaker maker, DecisionParticipants participants, TimeProvider time) : IMarketDesks
{
    private readonly Dictionary<MarketSymbol, MarketDesk> _desks = [];

    /// <inheritdoc />
    /// <remarks>The desk is built before the first await, so parallel asks for different markets never race on the dictionary.</remarks>
    public Task<MarketVerdict> DecideAsync(MarketAsk ask, Func<MarketDeskState> state, CancellationToken cancellationToken)
    {
        if (!_desks.TryGetValue(ask.Symbol, out var desk))
        {
            desk = new MarketDesk(state(), maker, participants, time);
            _desks[ask.Symbol] = desk;
        }

        return desk.DecideAsync(ask, cancellationToken);
    }

    /// <inheritdoc />
    public Task<MarketVerdict> ConfirmAsync(MarketSymbol symbol, PortfolioExposure portfolio, CancellationToken cancellationToken) =>
        Task.FromResult(_desks[symbol].Confirm(portfolio));
}
