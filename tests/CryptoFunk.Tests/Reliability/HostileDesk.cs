using System.Collections.Concurrent;
using System.Text;
using CryptoFunk.Tests.Fakes;
using static CryptoFunk.Tests.Reliability.FakeAnswers;

namespace CryptoFunk.Tests.Reliability;

/// <summary>
/// A fake OpenAI-compatible model at its worst: every answer to every agent is hostile in one of the
/// <see cref="HostileKind"/> ways, chosen by the request (<see cref="AgentRequest.Seed"/>), so each kind comes many
/// times over a run and the same run answers the same way every time. Most answers still push to trade (analysts vote
/// BUY, strategists propose entries, the risk officer approves everything). The entries it means have a 1% stop and a
/// 2% target, so positions close soon and many orders meet the hard limits, not only refusals, or a 4.5% stop, which
/// risks the full 2% per trade, so two markets long at once meet the portfolio limit. It counts what it answered and how deep a tool loop went.
/// </summary>
internal sealed class HostileDesk
{
    /// <summary>Characters of a megabyte answer: about 2 MB on the wire.</summary>
    public const int MegabyteLength = 2 * 1024 * 1024;

    /// <summary>
    /// Tool round trips after which the fake stops asking for tools, far beyond any sane cap: without a cap in the
    /// tool loop the run ends and the test fails on <see cref="DeepestToolLoop"/> instead of hanging.
    /// </summary>
    public const int ToolLoopGiveUp = 60;

    /// <summary>One request in this many gets a megabyte answer: more than ten times a run, few enough to keep it fast.</summary>
    private const int MegabyteEvery = 60;

    /// <summary>The kinds of the other answers, a tool loop (a dozen requests) less often than the rest.</summary>
    private static readonly HostileKind[] Everyday =
    [
        HostileKind.AbsurdSize, HostileKind.InventedPrice, HostileKind.WrongSideStop, HostileKind.ExtraFields,
        HostileKind.AbsurdSize, HostileKind.InventedPrice, HostileKind.WrongSideStop, HostileKind.ExtraFields,
        HostileKind.AbsurdSize, HostileKind.InventedPrice, HostileKind.WrongSideStop, HostileKind.ToolLoop,
    ];

    private readonly ConcurrentDictionary<HostileKind, int> _answers = new();
    private int _deepestToolLoop;

    /// <summary>Answers given, by kind (each reply counts, each round of a tool loop too).</summary>
    public IReadOnlyDictionary<HostileKind, int> Answers => _answers;

    /// <summary>The most tool round trips any one answer took: how far a tool loop got before the client stopped it.</summary>
    public int DeepestToolLoop => Volatile.Read(ref _deepestToolLoop);

    /// <summary>Answers <paramref name="recorded"/>; serve it as the fake server's fallback.</summary>
    public FakeReply Answer(RecordedRequest recorded)
    {
        var request = AgentRequest.Of(recorded);
        RecordDepth(request.ToolRounds);
        var kind = request.Seed % MegabyteEvery == 0 ? HostileKind.Megabytes : Everyday[(int)(request.Seed / MegabyteEvery % (ulong)Everyday.Length)];
        _answers.AddOrUpdate(kind, 1, (_, count) => count + 1);
        if (kind == HostileKind.ToolLoop && request.ToolRounds < ToolLoopGiveUp)
        {
            return FakeReply.Json(200, OpenAIWire.Completion(null, ToolCalls(request), promptTokens: 1000, completionTokens: 20));
        }

        var text = kind == HostileKind.Megabytes ? Megabytes(request) : request.Agent switch
        {
            "risk_management" => Risk(request, kind),
            "trend_following" or "mean_reversion" => Strategy(request, kind),
            _ => Analyst(request, kind),
        };
        return FakeReply.Json(200, OpenAIWire.Completion(text, promptTokens: 1000, completionTokens: 100));
    }

    private static string Analyst(AgentRequest request, HostileKind kind)
    {
        // A third of the votes are SELL, so that consensus sometimes turns against an open position and it is closed.
        var signal = Variant(request, 3) == 0 ? "SELL" : "BUY";
        return kind switch
        {
            HostileKind.AbsurdSize => Signal(signal, 1, $"All in: {signal} 1000000 BTC at 100x leverage, size is no object.", ["size 1000000 BTC", "leverage 100x"]),
            HostileKind.InventedPrice => Signal(signal, 0.9, $"{request.Symbol} trades at 1000000 USDT; the chart is wrong.", ["price 1000000"]),
            HostileKind.WrongSideStop => Signal(signal, 0.9, "Put the stop 10% above the entry and the target below it.", ["stop above entry"]),
            _ => Signal(signal, 0.9, "Extra orders attached.", ["more"], "\"quantity\":1000000,\"leverage\":125,\"override_risk_limits\":true"),
        };
    }

    private static string Strategy(AgentRequest request, HostileKind kind)
    {
        var p = request.LastClose;
        string Propose(string action, string entry, string stop, string target, string reasoning, string? extra = null) =>
            Proposal(request.Agent, action, entry, stop, target, reasoning, extra);
        return kind switch
        {
            HostileKind.AbsurdSize or HostileKind.InventedPrice when request.Long => Propose("CLOSE", "null", "null", "null", "Close it all, then buy 1000000 units."),
            HostileKind.WrongSideStop when request.Long => Propose("SELL", Price(p), Price(p * 0.9m), Price(p * 1.1m), "Sell with the stop below and the target above."),
            HostileKind.AbsurdSize when Variant(request, 2) == 0 => Propose("BUY", Price(p), Price(p * 0.99m), Price(p * 1.02m), "Buy 1000000 units, the more the better."),
            HostileKind.AbsurdSize => Propose("BUY", Price(p), Price(p * 0.955m), Price(p * 1.09m), "Buy 1000000 units with room to breathe."),
            HostileKind.InventedPrice => Variant(request, 7) switch
            {
                0 => Propose("BUY", Price(p * 1.009m), Price(p * 1.009m * 0.98m), Price(p * 1.009m * 1.04m), "Entry just above the market."),
                1 => Propose("BUY", Price(p * 1.5m), Price(p * 1.47m), Price(p * 1.56m), "Entry half again above the market."),
                2 => Propose("BUY", Price(p * 0.5m), Price(p * 0.49m), Price(p * 0.52m), "Entry at half the market."),
                3 => Propose("BUY", "1e25", "9.8e24", "1.04e25", "Entry at ten septillion."),
                4 => Propose("BUY", "1e40", "9.8e39", "1.04e40", "Entry beyond what a decimal holds."),
                5 => Propose("BUY", "1e40", Price(p * 0.98m), Price(p * 1.04m), "Entry beyond what a decimal holds, stop at the market's."),
                _ => Propose("BUY", "null", "980000", "1040000", "At market, which is 1000000."),
            },
            HostileKind.WrongSideStop => Variant(request, 5) switch
            {
                0 => Propose("BUY", Price(p), Price(p * 1.02m), Price(p * 1.04m), "Stop above the entry."),
                1 => Propose("BUY", Price(p), Price(p), Price(p * 1.04m), "Stop at the entry."),
                2 => Propose("BUY", Price(p), Price(p * 0.5m), Price(p * 1.04m), "Stop half the price away."),
                3 => Propose("BUY", Price(p), Price(p * 0.9499m), Price(p * 1.1m), "Stop just beyond 5%."),
                _ => Propose("BUY", Price(p), Price(p * 0.98m), Price(p * 0.96m), "Target below the entry."),
            },
            _ => Propose("BUY", Price(p), Price(p * 0.98m), Price(p * 1.04m), "Sized by me.", "\"quantity\":1000000,\"leverage\":100"),
        };
    }

    private static string Risk(AgentRequest request, HostileKind kind) => kind switch
    {
        HostileKind.AbsurdSize => Approval(
            new[] { "1000000000000", "79228162514264337593543950335", "1e300", "1e400", "0.000000000001" }[Variant(request, 5)],
            "Approved at full conviction, size it up."),
        HostileKind.InventedPrice => Approval("null", "Approved at the real price of 1000000."),
        HostileKind.WrongSideStop => Approval("null", "Stops are for the weak; approved."),
        _ => Approval("null", "Limits overridden.", "\"max_position_fraction\":1,\"override_limits\":true"),
    };

    private static string Megabytes(AgentRequest request)
    {
        var filler = new StringBuilder(MegabyteLength).Insert(0, "buy more ", MegabyteLength / 9).ToString();
        var p = request.LastClose;
        return Variant(request, 3) switch
        {
            0 => request.Agent switch
            {
                "risk_management" => Approval("null", filler),
                "trend_following" or "mean_reversion" => Proposal(request.Agent, "BUY", Price(p), Price(p * 0.99m), Price(p * 1.02m), filler),
                _ => Signal("BUY", 0.9, filler, ["megabytes"]),
            },
            1 => filler,
            _ => """{"signal":"BUY","reasoning":" """ + filler,
        };
    }

    private static List<FakeToolCall> ToolCalls(AgentRequest request)
    {
        var id = $"call_{request.Attempt}_{request.ToolRounds}";
        return Variant(request, 3) switch
        {
            0 => [new(id + "a", "MarketData_GetTicker", "{}"), new(id + "b", "Indicators_GetSnapshot", "{}")],
            1 => [new(id, "Orders_PlaceOrder", """{"side":"buy","quantity":1000000,"type":"market"}""")],
            _ => [new(id, "MarketData_GetCandles", """{"count":"all of them"}""")],
        };
    }

    /// <summary>A second choice within a kind, independent of the one that picked the kind.</summary>
    private static int Variant(AgentRequest request, int count) => (int)((request.Seed >> 40) % (ulong)count);

    private void RecordDepth(int rounds)
    {
        var deepest = Volatile.Read(ref _deepestToolLoop);
        while (rounds > deepest && Interlocked.CompareExchange(ref _deepestToolLoop, rounds, deepest) != deepest)
        {
            deepest = Volatile.Read(ref _deepestToolLoop);
        }
    }
}
