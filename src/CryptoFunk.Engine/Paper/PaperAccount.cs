namespace CryptoFunk.Engine.Paper;

/// <summary>
/// A paper account open where it is hosted (this process or its grain), built from its stored journal by
/// <see cref="PaperAccountOpener"/>: each close it steps is settled, decided, executed and stored before the step returns,
/// so whichever process opens the account next continues from the last close a step acknowledged.
/// </summary>
public sealed class PaperAccount : IOpenPaperAccount
{
    private readonly TradingSession _session;

    internal PaperAccount(TradingSession session) => _session = session;

    /// <inheritdoc />
    public async Task<PaperStep> StepAsync(MarketClose close, CancellationToken cancellationToken)
    {
        if (_session.EquityCurve.Count == 0)
        {
            _session.Begin(close.Time - _session.Histories[0].Timeframe.Duration);
        }

        foreach (var history in close.Extended)
        {
            _session.Extend(history);
        }

        var decisions = await _session.StepAsync(close.Time, close.Decide, close.Extras, cancellationToken);
        await _session.FlushAsync(cancellationToken);
        var broker = _session.Broker;
        return new PaperStep(close.Time, close.Missed, decisions, broker.Equity, broker.Cash, PositionView.Of(broker), _session.Tally.ModelCalls, _session.Tally.CostUsd);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
