using System.CommandLine;
using CryptoFunk.Host.Output;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk explain DECISION_ID</c>: the design document's explainability view of one stored decision, from the
/// agents' reasoning and the market they saw to the order, its fills and the trade's result.
/// </summary>
internal sealed class ExplainCommand(JournalQueries journal) : JournalCommand
{
    private readonly Argument<long> _id = new("decision-id") { Description = "A decision id, as `cryptofunk decisions` lists them." };

    public override string Path => "explain";

    protected override string Example => "cryptofunk explain 42";

    protected override string Description => "Explain one stored decision: agents, reasoning, market, vote, risk, order and outcome.";

    protected override void AddArguments(Command command) => command.Add(_id);

    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(_id);
        if (await journal.ExplainAsync(id, cancellationToken) is not { } explanation)
        {
            return await BadInputAsync(parse, $"no decision {id} is stored (cryptofunk decisions lists them)");
        }

        DecisionExplanationText.Write(parse.InvocationConfiguration.Output, explanation);
        return ExitCodes.Success;
    }
}
