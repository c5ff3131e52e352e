using CryptoFunk.Agents.ModelPipeline;
using CryptoFunk.Agents.Orchestration;
using CryptoFunk.Agents.Providers;
using CryptoFunk.Engine.Desks;
using Microsoft.Extensions.Options;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// Paper accounts in this process, their markets deciding beside them: what a program without Orleans gets (the
/// command line hosts accounts in grains), and the one-process reference the grains are held to.
/// </summary>
public sealed class LocalPaperAccountHost(
    PaperAccountOpener opener, TradingDecisionMaker maker, LlmProviderRegistry providers, IOptions<ModelPipelineOptions> pipeline, TimeProvider time) : IPaperAccountHost
{
    /// <inheritdoc />
    public async Task<IOpenPaperAccount> OpenAsync(PaperAccountOpening opening, CancellationToken cancellationToken)
    {
        var participants = TradingRunSetup.Of(maker, providers, pipeline.Value, opening.OrderBooks).Participants;
        return await opener.OpenAsync(opening, new LocalMarketDesks(maker, participants, time), cancellationToken);
    }
}
