using System.Globalization;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Engine.Desks;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Markets;

namespace CryptoFunk.Host.Output;

/// <summary>
/// Paper trading as plain log lines, one per decision and one for the account after each close: readable in a file
/// or a pipe, no escape codes. Written on the trading loop's thread, in order.
/// </summary>
internal sealed class PaperStepLog(TextWriter output) : IProgress<PaperStep>
{
    private const int ReasonLength = 160;

    /// <inheritdoc />
    public void Report(PaperStep value)
    {
        var time = UtcTimestamp.Format(value.Time);
        if (value.Missed)
        {
            output.WriteLine($"{time} missed while down, settled, not decided");
        }

        foreach (var decision in value.Decisions)
        {
            var sources = decision.Sources;
            var confidence = decision.Confidence;
            var reason = decision.Reason.Split('\n')[0];
            output.WriteLine(Invariant(
                $"{time} {decision.Symbol} {decision.Action.ToWire()} confidence {confidence:0.00} source {sources}: {(reason.Length > ReasonLength ? reason[..ReasonLength] + "…" : reason)}"));
        }

        var positions = value.Positions.Count == 0
            ? "flat"
            : string.Join(", ", value.Positions.Select(p => Invariant($"{p.Symbol} {p.Side.ToString().ToLowerInvariant()} {p.Quantity:0.########} unrealised {p.UnrealisedPnl:0.00}")));
        output.WriteLine(Invariant($"{time} account equity {value.Equity:0.00} cash {value.Cash:0.00}; {positions}; model cost ${value.ModelCostUsd:0.0000}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
