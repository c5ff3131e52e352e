using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine;
using CryptoFunk.Engine.Desks;
using CryptoFunk.Trading.Risk;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace CryptoFunk.Cluster.Paper;

/// <summary>A market's desk in a grain; see <see cref="IPaperMarketGrain"/>.</summary>
internal sealed class PaperMarketGrain(
    TradingDecisionMaker maker, LlmProviderRegistry providers, IOptions<ModelPipelineOptions> pipeline, TimeProvider time) : Grain, IPaperMarketGrain
{
    private MarketDesk? _desk;

    /// <inheritdoc />
    public Task OpenAsync(Immutable<MarketDeskOpening> opening)
    {
        var setup = TradingRunSetup.Of(maker, providers, pipeline.Value, opening.Value.OrderBooks);
        _desk = new MarketDesk(opening.Value.State, maker, setup.Participants, time);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<MarketVerdict?> DecideAsync(Immutable<MarketAsk> ask) =>
        _desk is null ? null : await _desk.DecideAsync(ask.Value, CancellationToken.None);

    /// <inheritdoc />
    public Task<MarketVerdict> ConfirmAsync(PortfolioExposure portfolio) =>
        Task.FromResult((_desk ?? throw new InvalidOperationException($"market grain {this.GetPrimaryKeyString()} was not opened")).Confirm(portfolio));
}
