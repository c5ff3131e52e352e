using System.CommandLine;
using CryptoFunk.Engine.Paper;
using CryptoFunk.Host.Output;
using CryptoFunk.Storage;

namespace CryptoFunk.Host.Commands;

/// <summary>
/// <c>cryptofunk trades</c>: every position the broker opened, open or closed, with its result and the decision that
/// opened it (for <c>cryptofunk explain</c>), as a table or as JSON Lines.
/// </summary>
internal sealed class TradesCommand(JournalQueries journal) : JournalCommand
{
    private static readonly string[] Headers = ["run", "symbol", "side", "quantity", "opened", "entry", "closed", "exit", "pnl", "pnl %", "exit reason", "decision"];
    private readonly Option<string?> _run = new("--run") { Description = "Only this run's trades." };
    private readonly Option<string?> _account = new("--account") { Description = "Only this paper account's trades (run paper-NAME)." };
    private readonly Option<bool> _json = new("--json") { Description = "One JSON object per line instead of a table." };

    public override string Path => "trades";

    protected override string Example => "cryptofunk trades --account demo";

    protected override string Description => "List stored trades with their results (filter by run or account).";

    protected override void AddArguments(Command command)
    {
        command.Add(_run);
        command.Add(_account);
        command.Add(_json);
    }

    protected override async Task<int> ReadAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_run) is not null && parse.GetValue(_account) is not null)
        {
            return await BadInputAsync(parse, "give --run or --account, not both");
        }

        var runId = parse.GetValue(_run) ?? (parse.GetValue(_account) is { } account ? PaperAccounts.RunId(account) : null);
        var trades = await journal.TradesAsync(runId, cancellationToken);
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(_json))
        {
            foreach (var trade in trades)
            {
                await output.WriteLineAsync(JournalJsonLines.Trade(trade));
            }

            return ExitCodes.Success;
        }

        if (trades.Count == 0)
        {
            await output.WriteLineAsync("no trades match");
            return ExitCodes.Success;
        }

        TextTable.Write(output, Headers, [.. trades.Select(Row)]);
        return ExitCodes.Success;
    }

    private static string[] Row(TradeListing trade)
    {
        var p = trade.Position;
        return
        [
            p.RunId, p.Symbol, p.Side.ToString().ToLowerInvariant(), JournalText.Amount(p.Quantity), JournalText.Time(p.OpenedAt), JournalText.Amount(p.EntryPrice),
            p.ClosedAt is { } closed ? JournalText.Time(closed) : "open", JournalText.Amount(p.ExitPrice), JournalText.Money(p.Pnl), JournalText.Percent(p.PnlPercent),
            p.ExitReason ?? "-", trade.DecisionId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        ];
    }
}
