using System.Globalization;
using System.Text.RegularExpressions;
using CryptoFunk.Markets;
using CryptoFunk.Storage;

namespace CryptoFunk.Engine.Paper;

/// <summary>
/// A paper account is one stored run, <c>paper-NAME</c>, continued by every later start with the same name: the
/// store's keys on (run, symbol, close) and (run, order id) then make each decision and order happen once per account,
/// across crashes.
/// </summary>
public static partial class PaperAccounts
{
    /// <summary>The run that holds account <paramref name="name"/>.</summary>
    public static string RunId(string name) => $"paper-{name}";

    /// <summary>True for 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit.</summary>
    public static bool IsValidName(string name) => Name().IsMatch(name);

    /// <summary>
    /// Refuses to continue <paramref name="run"/> with other markets, interval or capital than it was started with,
    /// or while another process still trades it.
    /// </summary>
    /// <exception cref="ArgumentException">The request does not match the stored account; the message says how.</exception>
    public static void CheckContinues(TradingRunRecord run, PaperRequest request, IReadOnlyList<MarketHistory> markets)
    {
        var symbols = string.Join(",", markets.Select(m => m.Symbol));
        if (run.Kind != TradingRunKinds.Paper)
        {
            throw new ArgumentException($"run {run.Id} is a {run.Kind} run, not a paper account");
        }

        if (run.Status == TradingRunStatuses.Running)
        {
            throw new ArgumentException($"account {request.Account} is being traded by process {run.Owner}; stop it first or use another --account");
        }

        if (run.Symbol != symbols || run.Interval != markets[0].Timeframe.Code || run.InitialCapital != request.Capital)
        {
            throw new ArgumentException(
                $"account {request.Account} trades {run.Symbol} {run.Interval} with capital {run.InitialCapital.ToString(CultureInfo.InvariantCulture)}; " +
                $"continue it with the same --symbols, --interval and --capital, or use another --account");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")]
    private static partial Regex Name();
}
