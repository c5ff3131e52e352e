using System.CommandLine;
using CryptoFunk.Agents.Answers;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host.Output;
using CryptoFunk.Markets;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk decisions</c>: the stored decisions, filtered by run, paper account, market, agent and action, as a
/// table or as JSON Lines; each id leads to <c>cryptofunk explain</c>.
/// </summary>
internal sealed class DecisionsCommand(JournalQueries journal) : JournalCommand
{
    private const int ReasonLength = 100;
    private readonly Option<string?> _run = new("--run") { Description = "Only this run's decisions." };
    private readonly Option<string?> _account = new("--account") { Description = "Only this paper account's decisions (run paper-NAME)." };
    private readonly Option<string?> _symbol = new("--symbol") { Description = "Only this market's, such as BTC/USDT." };
    private readonly Option<string?> _agent = new("--agent") { Description = "Only decisions this agent answered in (its vote is shown), such as technical_analysis." };
    private readonly Option<string?> _action = new("--action") { Description = "Only this action: BUY, SELL, HOLD or CLOSE." };
    private readonly Option<int?> _last = new("--last") { Description = "Only the most recent N decisions." };
    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line instead of a table." };

    public override string Path => "decisions";

    protected override string Example => "cryptofunk decisions --account demo --action buy --last 10";

    protected override string Description => "List stored decisions (filter by run, account, symbol, agent, action).";

    protected override void AddArguments(Command command)
    {
        command.Add(_run);
        command.Add(_account);
        command.Add(_symbol);
        command.Add(_agent);
        command.Add(_action);
        command.Add(_last);
        command.Add(_json);
    }

    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_run) is not null && parse.GetValue(_account) is not null)
        {
            return await BadInputAsync(parse, "give --run or --account, not both");
        }

        string? symbol = null;
        if (parse.GetValue(_symbol) is { } symbolText)
        {
            if (!MarketSymbol.TryParse(symbolText, out var parsed, out var error))
            {
                return await BadInputAsync(parse, $"--symbol: {error}");
            }

            symbol = parsed.ToString();
        }

        string? action = null;
        if (parse.GetValue(_action) is { } actionText)
        {
            if (TradeActions.Parse(actionText.ToUpperInvariant()) is not { } parsed)
            {
                return await BadInputAsync(parse, $"--action: '{actionText}' is not BUY, SELL, HOLD or CLOSE");
            }

            action = parsed.ToWire();
        }

        var last = parse.GetValue(_last);
        if (last <= 0)
        {
            return await BadInputAsync(parse, $"--last must be a positive number of decisions, not {last}");
        }

        var runId = parse.GetValue(_run) ?? (parse.GetValue(_account) is { } account ? PaperAccounts.RunId(account) : null);
        var agent = parse.GetValue(_agent);
        var decisions = await journal.DecisionsAsync(new DecisionQuery(runId, symbol, agent, action, last), cancellationToken);
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(_json))
        {
            foreach (var decision in decisions)
            {
                await output.WriteLineAsync(JournalJsonLines.Decision(decision));
            }

            return ExitCodes.Success;
        }

        if (decisions.Count == 0)
        {
            await output.WriteLineAsync("no decisions match");
            return ExitCodes.Success;
        }

        string[] headers = agent is null
            ? ["id", "time", "run", "symbol", "action", "consensus", "order", "pnl", "reason"]
            : ["id", "time", "run", "symbol", "action", "consensus", agent, "order", "pnl", "reason"];
        TextTable.Write(output, headers, [.. decisions.Select(d => Row(d, agent))]);
        return ExitCodes.Success;
    }

    private static string[] Row(TradingDecisionRecord decision, string? agent)
    {
        var consensus = decision.ConsensusSignal is { } signal ? $"{signal} {JournalText.Fraction(decision.ConsensusShare ?? 0)}" : "-";
        var pnl = decision.Executed ? $"{JournalText.Money(decision.Pnl)} ({JournalText.Percent(decision.PnlPercent)})" : "-";
        string[] start = [decision.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), JournalText.Time(decision.DecisionTime), decision.RunId, decision.Symbol, decision.Action, consensus];
        string[] end = [decision.OrderId ?? "-", pnl, JournalText.FirstLine(decision.Reason, ReasonLength)];
        if (agent is null)
        {
            return [.. start, .. end];
        }

        var vote = decision.Agents.FirstOrDefault(a => a.AgentName == agent) is { } row ? $"{row.Action} {JournalText.Fraction(row.Confidence)}" : "-";
        return [.. start, vote, .. end];
    }
}
