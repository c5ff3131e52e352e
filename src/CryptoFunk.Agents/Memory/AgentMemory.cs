using System.Globalization;
using System.Text;
using CryptoFunk.Agents.Prompts;
using CryptoFunk.Markets;

namespace CryptoFunk.Agents.Memory;

/// <summary>
/// What an agent may learn from at one decision time: its recent results and the past decisions most like the
/// present, all known before that time. <see cref="Format()"/> renders it for the prompt.
/// </summary>
/// <param name="AgentName">The agent.</param>
/// <param name="Symbol">Market.</param>
/// <param name="DecisionTime">The decision time the memory was recalled for.</param>
/// <param name="PerformanceWindow">How far back <see cref="Trades"/>, <see cref="WinRate"/> and <see cref="AveragePnlPercent"/> look.</param>
/// <param name="Trades">Trades whose outcome became known within the window.</param>
/// <param name="WinRate">Share of those trades with a positive result (0..1).</param>
/// <param name="AveragePnlPercent">Mean result of those trades in percent (1.2 means 1.2%).</param>
/// <param name="Similar">Most similar past decisions with known outcomes, most similar first.</param>
public sealed record AgentMemory(
    string AgentName,
    MarketSymbol Symbol,
    DateTimeOffset DecisionTime,
    TimeSpan PerformanceWindow,
    int Trades,
    double WinRate,
    decimal AveragePnlPercent,
    IReadOnlyList<SimilarDecision> Similar)
{
    /// <summary>What the prompt says when the agent has no resolved decisions yet.</summary>
    public const string NothingYet = "No earlier decisions with known outcomes yet.";

    /// <summary>
    /// The learning context in the design document's shape (invariant culture, one line per fact); the reasoning an
    /// agent gave back then is quoted (<see cref="QuotedText"/>), as a model wrote it.
    /// </summary>
    public string Format() => Format(Describe);

    /// <summary>
    /// The text of <see cref="Format()"/>, each similar decision's lines (after its number) written by
    /// <paramref name="describe"/>, which must write what <see cref="Describe(SimilarDecision)"/> does.
    /// </summary>
    internal string Format(Func<SimilarDecision, string> describe)
    {
        if (Trades == 0 && Similar.Count == 0)
        {
            return NothingYet;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## Your Recent Performance (Last {Describe(PerformanceWindow)})").Append('\n');
        if (Trades == 0)
        {
            text.Append("No trades closed in this period.\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Win Rate: {WinRate * 100:0.0}%").Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"Average P&L: {AveragePnlPercent:0.00}%").Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"Total Trades: {Trades}").Append('\n');
        }

        if (Similar.Count > 0)
        {
            text.Append("\n## Similar Past Decisions\n");
            for (var i = 0; i < Similar.Count; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{i + 1}. ").Append(describe(Similar[i]));
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>A similar decision's lines after its number: what was done, how it turned out, and the quoted reasoning.</summary>
    internal static string Describe(SimilarDecision similar)
    {
        var (entry, outcome, _) = similar;
        var price = entry.EntryPrice is { } entryPrice ? string.Create(CultureInfo.InvariantCulture, $" at {entryPrice:0.00######}") : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{entry.Action}{price} (Confidence: {entry.Confidence:0.00})\n   Outcome: {outcome.PnlPercent:0.00}% P&L\n   Reasoning: {QuotedText.Quote(entry.Reasoning)}\n");
    }

    private static string Describe(TimeSpan window) =>
        window.Ticks % TimeSpan.TicksPerDay == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{window.Days} {(window.Days == 1 ? "day" : "days")}")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0.##} hours");
}
